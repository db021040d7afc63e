package dev.asynccommerce.inventory.domain;

import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.util.Objects;

/**
 * The sales channels' copy of one SKU's stock at one store, built from {@code InventoryAdjusted}
 * events applied strictly in {@code skuSequence} order. {@code lastSkuSequence} 0 means nothing
 * applied yet.
 */
public record ChannelStock(StoreId storeId, Sku sku, long lastSkuSequence, int onHand, int available) {

    /** What to do with an adjustment, given what was applied so far. */
    public enum Step {
        /** The next one in order: apply it. */
        APPLY,
        /** Already applied (a redelivery) or older: ignore it. */
        STALE,
        /** One or more adjustments before it are missing: wait for them. */
        GAP
    }

    public ChannelStock {
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(sku, "sku");
        if (lastSkuSequence < 0 || onHand < 0 || available < 0) {
            throw new IllegalArgumentException("sequences and stock levels are never negative");
        }
    }

    /** A SKU the channels have heard nothing about. */
    public static ChannelStock empty(StoreId storeId, Sku sku) {
        return new ChannelStock(storeId, sku, 0, 0, 0);
    }

    public Step stepFor(long skuSequence) {
        if (skuSequence <= lastSkuSequence) {
            return Step.STALE;
        }
        return skuSequence == lastSkuSequence + 1 ? Step.APPLY : Step.GAP;
    }

    /**
     * The copy after the next adjustment in order.
     *
     * @throws IllegalStateException if {@code skuSequence} is not the next one
     */
    public ChannelStock apply(long skuSequence, int newOnHand, int newAvailable) {
        if (stepFor(skuSequence) != Step.APPLY) {
            throw new IllegalStateException("adjustment " + skuSequence + " does not follow " + lastSkuSequence);
        }
        return new ChannelStock(storeId, sku, skuSequence, newOnHand, newAvailable);
    }
}
