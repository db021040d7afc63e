package dev.asynccommerce.events;

import java.util.Objects;

/**
 * The stock of one SKU at one store changed.
 *
 * <p>Emitted by the inventory context with every stock change, in the same transaction. {@code
 * skuSequence} grows by one per change of that store and SKU, so a consumer keeping a copy applies
 * adjustments in order and notices a gap; {@code delta} is never 0.
 *
 * <p>Source {@code commerce.inventory}, detail-type {@code InventoryAdjusted}; the contract is
 * {@code schemas/events/InventoryAdjusted.v1.schema.json}.
 */
public record InventoryAdjusted(
        String storeId, String sku, int delta, int onHand, int available, String reason, long skuSequence)
        implements EventData {

    public InventoryAdjusted {
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(reason, "reason");
    }
}
