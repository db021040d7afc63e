package dev.asynccommerce.inventory.application;

import dev.asynccommerce.inventory.domain.AdjustmentReason;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Puts the demo stock in place: stores {@code store-001}..{@code store-003} registered, and
 * {@value #DEMO_UNITS} units on hand of each of {@code SKU-0001}..{@code SKU-0020} at each, the
 * same stores and SKUs as the catalog's demo seed. The local stack runs it after deploying.
 *
 * <p>Idempotent: on hand is set, not added to, and a level already at the demo count is not
 * written at all, so a second run changes nothing. Reservations are left as they are. Each level
 * written emits {@code InventoryAdjusted} ({@code CORRECTION}) in the same write, so channel copies
 * start from sequence 1.
 */
public final class SeedDemoInventory {
    public static final int DEMO_UNITS = 25;

    public static final List<StoreId> DEMO_STORES =
            List.of(new StoreId("store-001"), new StoreId("store-002"), new StoreId("store-003"));

    public static final List<Sku> DEMO_SKUS = IntStream.rangeClosed(1, 20)
            .mapToObj(n -> new Sku("SKU-%04d".formatted(n)))
            .toList();

    /** What a seeding changed: stores newly registered, stock rows written. */
    public record Result(int storesRegistered, int stockLevelsWritten) {}

    private static final CommandContext CONTEXT = CommandContext.internal("seed-demo-inventory");

    private final StockRepository stock;
    private final InventoryMessages messages;

    public SeedDemoInventory(StockRepository stock, InventoryMessages messages) {
        this.stock = Objects.requireNonNull(stock, "stock");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    public Result execute() {
        int registered = 0;
        int written = 0;
        for (StoreId storeId : DEMO_STORES) {
            if (stock.register(storeId)) {
                registered++;
            }
            for (Sku sku : DEMO_SKUS) {
                if (OptimisticUpdate.apply(
                                stock,
                                storeId,
                                sku,
                                AdjustmentReason.CORRECTION,
                                level -> level.recount(DEMO_UNITS),
                                change -> messages.adjusted(change, CONTEXT))
                        .written()) {
                    written++;
                }
            }
        }
        return new Result(registered, written);
    }
}
