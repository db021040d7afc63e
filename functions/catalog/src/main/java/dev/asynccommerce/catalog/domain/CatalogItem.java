package dev.asynccommerce.catalog.domain;

import dev.asynccommerce.kernel.Money;
import dev.asynccommerce.kernel.Sku;
import java.util.Objects;

/**
 * Something the storefront sells: a SKU, the name shown to customers and the unit price.
 *
 * <p>The price is what checkout charges, so it is never negative; a zero price is allowed for
 * give-aways.
 */
public record CatalogItem(Sku sku, String name, Money price) {

    public CatalogItem {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(price, "price");
        name = DisplayNames.require(name, "catalog item name");
        if (price.isNegative()) {
            throw new IllegalArgumentException("a catalog item's price cannot be negative");
        }
    }
}
