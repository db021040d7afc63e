package dev.asynccommerce.inventory.application;

import dev.asynccommerce.inventory.domain.StockLevel;
import dev.asynccommerce.inventory.domain.StoreStock;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where inventory keeps which stores it knows and their stock per SKU.
 *
 * <p>Concurrency is optimistic: {@link #save} writes only if the stored row still has the version
 * the level was read at, and reports a {@link SaveResult.VersionConflict} otherwise, so a caller
 * reloads and decides again instead of overwriting a concurrent change. Every write of a stock row
 * carries its {@code InventoryAdjusted} event into the outbox in the same transaction, so the
 * row's version and the events' {@code skuSequence} never part. A failure to reach the store is an
 * unchecked exception; none is a business outcome.
 */
public interface StockRepository {

    /**
     * The stock of the given SKUs at a store, or empty when inventory does not know the store.
     * Any number of SKUs may be asked for. Eventually consistent: a write may take a moment to
     * show, which is fine for displaying availability and never used to decide a write.
     */
    Optional<StoreStock> findStock(StoreId storeId, Set<Sku> skus);

    /** Whether inventory knows the store. Strongly consistent. */
    boolean isRegistered(StoreId storeId);

    /**
     * Makes the store known to inventory. Idempotent.
     *
     * @return true if this call registered it, false if it was registered already
     */
    boolean register(StoreId storeId);

    /** The current stock of a SKU at a store, {@link StockLevel#none} if never stocked. Strongly consistent. */
    StockLevel load(StoreId storeId, Sku sku);

    /**
     * The current stock of each SKU at a store, {@link StockLevel#none} for those never stocked.
     * Strongly consistent: reservations decide on it.
     */
    Map<Sku, StockLevel> loadAll(StoreId storeId, Set<Sku> skus);

    /**
     * Writes {@code level} and puts {@code adjusted} in the outbox, in one transaction, if the stored
     * row still has {@code level.version()} (for version 0: if there is no row yet), moving the
     * stored version on by one. Nothing is written otherwise.
     */
    SaveResult save(StockLevel level, OutboxMessage adjusted);

    /** What a conditional save did. */
    sealed interface SaveResult {
        /** Written; {@code stored} carries the new version. */
        record Saved(StockLevel stored) implements SaveResult {}

        /** Someone else wrote the row since it was read; nothing was written. */
        record VersionConflict() implements SaveResult {}
    }
}
