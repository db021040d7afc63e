package dev.asynccommerce.catalog.application;

import java.util.List;
import java.util.Objects;

/** Lists the stores an order can be picked up from, in store id order. */
public final class ListStores {
    private final CatalogRepository catalog;

    public ListStores(CatalogRepository catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    public List<StoreView> execute() {
        return catalog.findAllStores().stream().map(StoreView::of).toList();
    }
}
