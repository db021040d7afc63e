package dev.asynccommerce.inventory.application;

import dev.asynccommerce.kernel.Sku;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The catalog's SKUs in memory: those a test lists are for sale, every other is unknown. */
public final class InMemoryCatalogSkus implements CatalogSkus {
    private final Set<Sku> listed = new HashSet<>();
    private int reads;
    private RuntimeException failure;

    public static InMemoryCatalogSkus listing(String... skus) {
        InMemoryCatalogSkus catalog = new InMemoryCatalogSkus();
        catalog.listed.addAll(Arrays.stream(skus).map(Sku::new).toList());
        return catalog;
    }

    /** Lists {@code SKU-0001} up to {@code SKU-<count>}, as the demo catalog does for 20. */
    public static InMemoryCatalogSkus numbered(int count) {
        InMemoryCatalogSkus catalog = new InMemoryCatalogSkus();
        for (int i = 1; i <= count; i++) {
            catalog.listed.add(new Sku("SKU-%04d".formatted(i)));
        }
        return catalog;
    }

    /** Makes every later read fail, as an unreachable or throttled table would. */
    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    /** How many times the catalog was asked. */
    public int reads() {
        return reads;
    }

    @Override
    public Set<Sku> listed(Set<Sku> skus) {
        reads++;
        if (failure != null) {
            throw failure;
        }
        return skus.stream().filter(listed::contains).collect(Collectors.toSet());
    }
}
