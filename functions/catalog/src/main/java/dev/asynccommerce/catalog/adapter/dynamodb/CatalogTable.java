package dev.asynccommerce.catalog.adapter.dynamodb;

/**
 * The catalog table's layout. Other contexts (ordering) read items and stores from this table to
 * price and validate a checkout, so these names are a contract: see the module README.
 */
final class CatalogTable {
    static final String PK = "pk";
    static final String SK = "sk";
    static final String NAME = "name";
    static final String PRICE_CENTS = "priceCents";
    static final String CURRENCY = "currency";

    /** Partition of the catalog items; the sort key is the SKU. */
    static final String ITEM_PARTITION = "ITEM";

    /** Partition of the store directory; the sort key is the store id. */
    static final String STORE_PARTITION = "STORE";

    private CatalogTable() {}
}
