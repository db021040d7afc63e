package dev.asynccommerce.inventory.application;

import dev.asynccommerce.inventory.domain.AdjustmentReason;
import dev.asynccommerce.inventory.domain.StockLevel;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.util.Objects;

/**
 * Books a delivery of units of a SKU into a store's stock (on hand grows; reservations stay).
 *
 * <p>The write is conditional on the row's version; a concurrent change makes it reload and add to
 * what is there, so no delivery or reservation is lost. Not idempotent yet: booking the same
 * delivery twice adds it twice. Deliveries will carry an id, and emit {@code InventoryAdjusted}
 * through the outbox, in a later issue.
 */
public final class ReceiveStock {
    /** More than this in one delivery is taken for a typing error rather than a pallet. */
    public static final int MAX_QUANTITY = 1_000_000;

    /** A delivery of {@code quantity} units, 1..{@value #MAX_QUANTITY}. */
    public record Command(StoreId storeId, Sku sku, int quantity) {
        public Command {
            Objects.requireNonNull(storeId, "storeId");
            Objects.requireNonNull(sku, "sku");
            if (quantity < 1 || quantity > MAX_QUANTITY) {
                throw new IllegalArgumentException("a delivery has 1 to " + MAX_QUANTITY + " units");
            }
        }
    }

    /** What booking the delivery did. */
    public sealed interface Outcome {
        record Received(StoreId storeId, Sku sku, int onHand, int available) implements Outcome {}

        /** Inventory does not know the store; nothing was booked. */
        record StoreNotFound(StoreId storeId) implements Outcome {}
    }

    private static final CommandContext CONTEXT = CommandContext.internal("receive-stock");

    private final StockRepository stock;
    private final InventoryMessages messages;

    public ReceiveStock(StockRepository stock, InventoryMessages messages) {
        this.stock = Objects.requireNonNull(stock, "stock");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    /**
     * @throws StockContentionException if the row changed under every attempt (nothing booked)
     */
    public Outcome execute(Command command) {
        if (!stock.isRegistered(command.storeId())) {
            return new Outcome.StoreNotFound(command.storeId());
        }
        StockLevel stored = OptimisticUpdate.apply(
                        stock,
                        command.storeId(),
                        command.sku(),
                        AdjustmentReason.RECEIVED,
                        level -> level.receive(command.quantity()),
                        change -> messages.adjusted(change, CONTEXT))
                .level();
        return new Outcome.Received(stored.storeId(), stored.sku(), stored.onHand(), stored.available());
    }
}
