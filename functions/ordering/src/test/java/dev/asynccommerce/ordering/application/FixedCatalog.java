package dev.asynccommerce.ordering.application;

import dev.asynccommerce.kernel.Money;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A catalog of a few items priced in EUR and two stores. */
public final class FixedCatalog implements Catalog {
    public static final Map<Sku, Item> ITEMS = Set.of(
                    new Item(new Sku("SKU-0001"), "Espresso beans 1kg", Money.of(1999, "EUR")),
                    new Item(new Sku("SKU-0002"), "Milk frother", Money.of(4550, "EUR")),
                    new Item(new Sku("SKU-0003"), "Grinder", Money.of(12900, "EUR")))
            .stream()
            .collect(Collectors.toMap(Item::sku, Function.identity()));

    @Override
    public Map<Sku, Item> findItems(Set<Sku> skus) {
        return ITEMS.entrySet().stream()
                .filter(e -> skus.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Override
    public boolean storeExists(StoreId storeId) {
        return Set.of("store-001", "store-002").contains(storeId.value());
    }
}
