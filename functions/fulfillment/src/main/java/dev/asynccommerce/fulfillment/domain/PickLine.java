package dev.asynccommerce.fulfillment.domain;

import dev.asynccommerce.kernel.Sku;
import java.util.Objects;

/**
 * A quantity of one SKU on a pick task: ordered (1..1000) or, in a pick result, picked (0..1000; 0
 * when none could be found).
 */
public record PickLine(Sku sku, int quantity) {
    public static final int MAX_QUANTITY = 1000;

    public PickLine {
        Objects.requireNonNull(sku, "sku");
        if (quantity < 0 || quantity > MAX_QUANTITY) {
            throw new IllegalArgumentException("a line's quantity is 0.." + MAX_QUANTITY);
        }
    }
}
