package dev.asynccommerce.inventory.application;

import dev.asynccommerce.inventory.domain.AdjustmentReason;
import dev.asynccommerce.inventory.domain.StockChange;
import dev.asynccommerce.inventory.domain.StockLevel;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.util.Objects;

/**
 * Store staff change the stock of a SKU the store holds (POST /stores/{storeId}/stock): a delivery
 * received, units found damaged, or a shelf count. Written over the version it was read at, with
 * its {@code InventoryAdjusted} in the same transaction; a concurrent change makes it read and
 * decide again. Reservations are never touched.
 */
public final class AdjustStock {
    /** More than this in one adjustment is taken for a typing error rather than a pallet. */
    public static final int MAX_QUANTITY = 1_000_000;

    /** What staff report. */
    public enum Kind {
        /** A delivery of {@code quantity} units (1..): on hand grows. */
        RECEIVED(AdjustmentReason.RECEIVED, 1),
        /** {@code quantity} units (1..) written off: on hand shrinks. */
        DAMAGED(AdjustmentReason.DAMAGED, 1),
        /** The shelf holds {@code quantity} units (0..): on hand becomes that. */
        COUNT_CORRECTION(AdjustmentReason.CORRECTION, 0);

        private final AdjustmentReason reason;
        private final int minQuantity;

        Kind(AdjustmentReason reason, int minQuantity) {
            this.reason = reason;
            this.minQuantity = minQuantity;
        }

        public int minQuantity() {
            return minQuantity;
        }
    }

    public record Command(StoreId storeId, Sku sku, Kind kind, int quantity, CommandContext context) {
        public Command {
            Objects.requireNonNull(storeId, "storeId");
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(context, "context");
            if (quantity < kind.minQuantity || quantity > MAX_QUANTITY) {
                throw new IllegalArgumentException(
                        kind + " takes " + kind.minQuantity + " to " + MAX_QUANTITY + " units");
            }
        }
    }

    public sealed interface Outcome {
        /** The stock as it stands now; {@code changed} is false for a count that matched the row. */
        record Adjusted(StockLevel level, boolean changed) implements Outcome {}

        record StoreNotFound(StoreId storeId) implements Outcome {}

        /** The store never held the SKU; new SKUs enter through seeding or deliveries booked by tools. */
        record SkuNotFound(StoreId storeId, Sku sku) implements Outcome {}

        /** Fewer units on hand than were to be written off; nothing changed. */
        record NotEnoughOnHand(int onHand) implements Outcome {}
    }

    private final StockRepository stock;
    private final InventoryMessages messages;

    public AdjustStock(StockRepository stock, InventoryMessages messages) {
        this.stock = Objects.requireNonNull(stock, "stock");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    /**
     * @throws StockContentionException if the row changed under every attempt (nothing written)
     */
    public Outcome execute(Command command) {
        if (!stock.isRegistered(command.storeId())) {
            return new Outcome.StoreNotFound(command.storeId());
        }
        for (int attempt = 1; attempt <= OptimisticUpdate.MAX_ATTEMPTS; attempt++) {
            StockLevel current = stock.load(command.storeId(), command.sku());
            if (!current.isStored()) {
                return new Outcome.SkuNotFound(command.storeId(), command.sku());
            }
            if (command.kind() == Kind.DAMAGED && !current.canWriteOff(command.quantity())) {
                return new Outcome.NotEnoughOnHand(current.onHand());
            }
            StockLevel next = switch (command.kind()) {
                case RECEIVED -> current.receive(command.quantity());
                case DAMAGED -> current.writeOff(command.quantity());
                case COUNT_CORRECTION -> current.recount(command.quantity());
            };
            if (next.equals(current)) {
                return new Outcome.Adjusted(current, false);
            }
            StockChange change =
                    new StockChange(current, next, command.kind().reason, next.onHand() - current.onHand());
            switch (stock.save(next, messages.adjusted(change, command.context()))) {
                case StockRepository.SaveResult.Saved saved -> {
                    return new Outcome.Adjusted(saved.stored(), true);
                }
                case StockRepository.SaveResult.VersionConflict conflict -> {
                    // Someone wrote in between: decide again on what they wrote.
                }
            }
        }
        throw new StockContentionException("stock of " + command.sku() + " at " + command.storeId()
                + " changed during each of " + OptimisticUpdate.MAX_ATTEMPTS + " attempts");
    }
}
