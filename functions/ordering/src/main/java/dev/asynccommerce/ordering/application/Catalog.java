package dev.asynccommerce.ordering.application;

import dev.asynccommerce.kernel.Money;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.util.Map;
import java.util.Set;

/**
 * The sellable items and the stores, as the catalog context publishes them; checkout reads them to
 * price an order and to refuse unknown SKUs and stores. Read-only.
 */
public interface Catalog {

    /** The catalog entries of those SKUs that exist; unknown SKUs are simply absent. */
    Map<Sku, Item> findItems(Set<Sku> skus);

    boolean storeExists(StoreId storeId);

    record Item(Sku sku, String name, Money price) {}
}
