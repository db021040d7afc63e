package dev.asynccommerce.events;

import java.util.Objects;

/**
 * A SKU a store cannot supply in the quantity asked for: {@code requested} by the order,
 * {@code available} at the store when the reservation was tried. Its schema is
 * {@code common.schema.json#/$defs/shortage}.
 */
public record Shortage(String sku, int requested, int available) {

    public Shortage {
        Objects.requireNonNull(sku, "sku");
    }
}
