package dev.asynccommerce.inventory.application;

import dev.asynccommerce.inventory.domain.AdjustmentReason;
import dev.asynccommerce.inventory.domain.StockChange;
import dev.asynccommerce.inventory.domain.StockLevel;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Read, change on hand, conditionally write with the change's {@code InventoryAdjusted}, and on a
 * version conflict start again from a fresh read: the change is decided on the state it is written
 * over, never on a stale one.
 */
final class OptimisticUpdate {
    static final int MAX_ATTEMPTS = 5;

    /** The level as stored afterwards, and whether this update wrote it. */
    record Applied(StockLevel level, boolean written) {}

    private OptimisticUpdate() {}

    /**
     * A change that alters nothing is not written, so repeating one is free and leaves the version.
     * {@code change} moves on hand only; the event's delta is the change of on hand.
     */
    static Applied apply(
            StockRepository stock,
            StoreId storeId,
            Sku sku,
            AdjustmentReason reason,
            UnaryOperator<StockLevel> change,
            Function<StockChange, OutboxMessage> event) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            StockLevel current = stock.load(storeId, sku);
            StockLevel next = change.apply(current);
            if (next.equals(current)) {
                return new Applied(current, false);
            }
            StockChange adjustment = new StockChange(current, next, reason, next.onHand() - current.onHand());
            switch (stock.save(next, event.apply(adjustment))) {
                case StockRepository.SaveResult.Saved saved -> {
                    return new Applied(saved.stored(), true);
                }
                case StockRepository.SaveResult.VersionConflict conflict -> {
                    // Someone wrote in between: go round again on what they wrote.
                }
            }
        }
        throw new StockContentionException(
                "stock of " + sku + " at " + storeId + " changed during each of " + MAX_ATTEMPTS + " attempts");
    }
}
