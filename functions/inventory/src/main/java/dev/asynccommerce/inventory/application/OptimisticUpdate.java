package dev.asynccommerce.inventory.application;

import dev.asynccommerce.inventory.domain.StockLevel;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.util.function.UnaryOperator;

/**
 * Read, change, conditionally write, and on a version conflict start again from a fresh read: the
 * change is decided on the state it is written over, never on a stale one.
 */
final class OptimisticUpdate {
    static final int MAX_ATTEMPTS = 5;

    /** The level as stored afterwards, and whether this update wrote it. */
    record Applied(StockLevel level, boolean written) {}

    private OptimisticUpdate() {}

    /** A change that alters nothing is not written, so repeating one is free and leaves the version. */
    static Applied apply(StockRepository stock, StoreId storeId, Sku sku, UnaryOperator<StockLevel> change) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            StockLevel current = stock.load(storeId, sku);
            StockLevel next = change.apply(current);
            if (next.equals(current)) {
                return new Applied(current, false);
            }
            switch (stock.save(next)) {
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
