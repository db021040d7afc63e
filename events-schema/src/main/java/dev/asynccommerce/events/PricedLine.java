package dev.asynccommerce.events;

import java.util.Objects;

/**
 * A quantity of one SKU at the unit price charged at checkout, in minor units of the order's
 * currency. Its schema is {@code common.schema.json#/$defs/pricedLine}.
 */
public record PricedLine(String sku, int quantity, long unitPriceCents) {

    public PricedLine {
        Objects.requireNonNull(sku, "sku");
    }
}
