package dev.asynccommerce.catalog.application;

import dev.asynccommerce.catalog.domain.CatalogItem;
import dev.asynccommerce.catalog.domain.Store;
import java.util.List;

/**
 * Where the catalog keeps its items and its store directory.
 *
 * <p>Reads return everything there is, in key order: items by SKU, stores by store id; a list is
 * never cut at a page boundary. Reads may be eventually consistent (a write may take a moment to
 * show). Saves replace what was stored under the same SKU or store id, so repeating one is
 * harmless. Any failure to reach the store is an unchecked exception; none is a business outcome.
 */
public interface CatalogRepository {

    /** Every catalog item, ordered by SKU. */
    List<CatalogItem> findAllItems();

    /** Every store in the directory, ordered by store id. */
    List<Store> findAllStores();

    /** Stores the item, replacing any item with the same SKU. */
    void saveItem(CatalogItem item);

    /** Stores the store, replacing any store with the same id. */
    void saveStore(Store store);
}
