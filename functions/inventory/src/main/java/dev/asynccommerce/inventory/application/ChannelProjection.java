package dev.asynccommerce.inventory.application;

import dev.asynccommerce.inventory.domain.ChannelStock;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.util.Optional;

/**
 * The sales channels' copy of stock per store and SKU, kept from {@code InventoryAdjusted} events.
 * Writes are conditional on the last applied sequence, so two consumers never both apply one step.
 */
public interface ChannelProjection {

    /** The copy, strongly consistent; empty when nothing was applied yet. */
    Optional<ChannelStock> find(StoreId storeId, Sku sku);

    /**
     * Stores {@code next} if the stored copy's last sequence is still {@code expectedLastSequence}
     * (0: no copy stored yet).
     *
     * @return false if another writer moved it on first; nothing was written then
     */
    boolean save(ChannelStock next, long expectedLastSequence);
}
