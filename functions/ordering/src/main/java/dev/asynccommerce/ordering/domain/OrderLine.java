package dev.asynccommerce.ordering.domain;

import dev.asynccommerce.kernel.Money;
import dev.asynccommerce.kernel.Sku;
import java.util.Objects;

/** One SKU of an order at the price it had in the catalog when the customer checked out. */
public record OrderLine(Sku sku, String name, int quantity, Money unitPrice) {
    public static final int MAX_QUANTITY = 100;

    public OrderLine {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unitPrice, "unitPrice");
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw new IllegalArgumentException("quantity must be 1.." + MAX_QUANTITY + ", was " + quantity);
        }
        if (unitPrice.isNegative()) {
            throw new IllegalArgumentException("a unit price cannot be negative");
        }
    }

    public Money total() {
        return unitPrice.times(quantity);
    }
}
