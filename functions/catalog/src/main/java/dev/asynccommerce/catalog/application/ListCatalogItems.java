package dev.asynccommerce.catalog.application;

import java.util.List;
import java.util.Objects;

/** Lists everything the storefront sells, in SKU order. */
public final class ListCatalogItems {
    private final CatalogRepository catalog;

    public ListCatalogItems(CatalogRepository catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    public List<CatalogItemView> execute() {
        return catalog.findAllItems().stream().map(CatalogItemView::of).toList();
    }
}
