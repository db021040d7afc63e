package dev.asynccommerce.catalog.application;

import dev.asynccommerce.catalog.domain.Store;
import dev.asynccommerce.kernel.StoreId;

/** A store as the use cases publish it to their callers. */
public record StoreView(StoreId storeId, String name) {

    static StoreView of(Store store) {
        return new StoreView(store.storeId(), store.name());
    }
}
