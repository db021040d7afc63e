package dev.asynccommerce.inventory.adapter.dynamodb;

import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The inventory table's layout, documented in the module README. */
final class InventoryTable {
    static final String PK = "pk";
    static final String SK = "sk";
    static final String ON_HAND = "onHand";
    static final String RESERVED = "reserved";
    static final String VERSION = "version";

    static final String STORE_PREFIX = "STORE#";
    static final String LOCATION = "LOCATION";
    static final String SKU_PREFIX = "SKU#";

    private InventoryTable() {}

    /** The item whose presence makes a store known to inventory. */
    static Map<String, AttributeValue> locationKey(StoreId storeId) {
        return Map.of(PK, AttributeValue.fromS(STORE_PREFIX + storeId.value()), SK, AttributeValue.fromS(LOCATION));
    }

    /** The item holding a SKU's stock at a store. */
    static Map<String, AttributeValue> stockKey(StoreId storeId, Sku sku) {
        return Map.of(
                PK, AttributeValue.fromS(STORE_PREFIX + storeId.value()),
                SK, AttributeValue.fromS(SKU_PREFIX + sku.value()));
    }
}
