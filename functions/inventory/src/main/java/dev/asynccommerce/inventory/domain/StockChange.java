package dev.asynccommerce.inventory.domain;

import java.util.Objects;

/**
 * One change of one SKU's stock at one store: the level it was decided on, the level after, why, and
 * by how many units ({@code delta}: positive adds, negative removes, never 0).
 *
 * <p>{@code after} still carries the version {@code before} was read at; the store writes it only
 * over that version and moves it on by one, so {@link #sequence()} is the version after the write.
 */
public record StockChange(StockLevel before, StockLevel after, AdjustmentReason reason, int delta) {

    public StockChange {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(reason, "reason");
        if (!before.storeId().equals(after.storeId())
                || !before.sku().equals(after.sku())
                || before.version() != after.version()) {
            throw new IllegalArgumentException("a change keeps its store, SKU and read version");
        }
        if (delta == 0) {
            throw new IllegalArgumentException("a change moves at least one unit");
        }
    }

    /** The stock's version once this change is written: one more than the version it was read at. */
    public long sequence() {
        return before.version() + 1;
    }
}
