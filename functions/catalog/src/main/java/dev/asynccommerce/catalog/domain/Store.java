package dev.asynccommerce.catalog.domain;

import dev.asynccommerce.kernel.StoreId;
import java.util.Objects;

/** A store customers can pick an order up from, as the storefront lists it. */
public record Store(StoreId storeId, String name) {

    public Store {
        Objects.requireNonNull(storeId, "storeId");
        name = DisplayNames.require(name, "store name");
    }
}
