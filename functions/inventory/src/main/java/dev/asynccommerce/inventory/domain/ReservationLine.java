package dev.asynccommerce.inventory.domain;

import dev.asynccommerce.kernel.Sku;
import java.util.Objects;

/** Units of one SKU an order asks a store to hold: 1 to {@value #MAX_QUANTITY}, as in an order line. */
public record ReservationLine(Sku sku, int quantity) {
    public static final int MAX_QUANTITY = 1000;

    public ReservationLine {
        Objects.requireNonNull(sku, "sku");
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw new IllegalArgumentException("a line reserves 1 to " + MAX_QUANTITY + " units");
        }
    }
}
