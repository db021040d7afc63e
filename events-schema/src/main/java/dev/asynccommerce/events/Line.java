package dev.asynccommerce.events;

import java.util.Objects;

/**
 * A quantity of one SKU in an event. Its schema is {@code common.schema.json#/$defs/line} (quantity
 * 1..1000), or {@code pickedLine} (0..1000) where it reports what was picked.
 */
public record Line(String sku, int quantity) {

    public Line {
        Objects.requireNonNull(sku, "sku");
    }
}
