package dev.asynccommerce.inventory.domain;

import dev.asynccommerce.kernel.Sku;
import java.util.Objects;

/** A line the store could not supply: {@code requested} units, {@code available} when it was tried. */
public record ShortLine(Sku sku, int requested, int available) {

    public ShortLine {
        Objects.requireNonNull(sku, "sku");
        if (available < 0 || available >= requested) {
            throw new IllegalArgumentException("a short line has fewer available than requested");
        }
    }
}
