package dev.asynccommerce.catalog.application;

import dev.asynccommerce.catalog.domain.CatalogItem;
import dev.asynccommerce.kernel.Money;
import dev.asynccommerce.kernel.Sku;

/** A catalog item as the use cases publish it to their callers. */
public record CatalogItemView(Sku sku, String name, Money price) {

    static CatalogItemView of(CatalogItem item) {
        return new CatalogItemView(item.sku(), item.name(), item.price());
    }
}
