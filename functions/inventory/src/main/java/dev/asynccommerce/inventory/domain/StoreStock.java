package dev.asynccommerce.inventory.domain;

import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.util.Map;
import java.util.Objects;

/**
 * What a store known to inventory holds of some SKUs. A SKU absent from {@code levels} has never
 * been stocked there, which is the same as having none.
 */
public record StoreStock(StoreId storeId, Map<Sku, StockLevel> levels) {

    public StoreStock {
        Objects.requireNonNull(storeId, "storeId");
        levels = Map.copyOf(levels);
        levels.forEach((sku, level) -> {
            if (!level.sku().equals(sku) || !level.storeId().equals(storeId)) {
                throw new IllegalArgumentException("stock of " + level.sku() + " at " + level.storeId()
                        + " filed under " + sku + " at " + storeId);
            }
        });
    }

    public StockLevel levelOf(Sku sku) {
        StockLevel level = levels.get(sku);
        return level != null ? level : StockLevel.none(storeId, sku);
    }
}
