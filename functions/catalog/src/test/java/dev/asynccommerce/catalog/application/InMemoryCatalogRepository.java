package dev.asynccommerce.catalog.application;

import dev.asynccommerce.catalog.domain.CatalogItem;
import dev.asynccommerce.catalog.domain.Store;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/** The catalog port in memory, ordered as the port promises; it can be told to fail. */
public final class InMemoryCatalogRepository implements CatalogRepository {
    private final TreeMap<Sku, CatalogItem> items = new TreeMap<>();
    private final TreeMap<String, Store> stores = new TreeMap<>();
    private RuntimeException failure;
    private int writes;

    public InMemoryCatalogRepository with(CatalogItem... catalogItems) {
        for (CatalogItem item : catalogItems) {
            items.put(item.sku(), item);
        }
        return this;
    }

    public InMemoryCatalogRepository with(Store... directory) {
        for (Store store : directory) {
            stores.put(store.storeId().value(), store);
        }
        return this;
    }

    /** Every later call fails with this exception, as an unreachable table would. */
    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    public int writes() {
        return writes;
    }

    public CatalogItem item(Sku sku) {
        return items.get(sku);
    }

    public Store store(StoreId storeId) {
        return stores.get(storeId.value());
    }

    @Override
    public List<CatalogItem> findAllItems() {
        failIfTold();
        return List.copyOf(items.values());
    }

    @Override
    public List<Store> findAllStores() {
        failIfTold();
        return stores.values().stream()
                .sorted(Comparator.comparing(s -> s.storeId().value()))
                .toList();
    }

    @Override
    public void saveItem(CatalogItem item) {
        failIfTold();
        writes++;
        items.put(item.sku(), item);
    }

    @Override
    public void saveStore(Store store) {
        failIfTold();
        writes++;
        stores.put(store.storeId().value(), store);
    }

    private void failIfTold() {
        if (failure != null) {
            throw failure;
        }
    }
}
