package dev.asynccommerce.inventory.adapter.dynamodb;

import dev.asynccommerce.inventory.domain.ReservationId;
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

    static final String RESERVATION_PREFIX = "RESERVATION#";
    static final String RESERVATION_SK = "RESERVATION";
    static final String CHANNEL_PREFIX = "CHANNEL#";

    /** A DynamoDB transaction holds at most this many items. */
    static final int MAX_TRANSACTION_ITEMS = 100;

    static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";
    static final String TRANSACTION_CONFLICT = "TransactionConflict";
    static final String THROTTLING_ERROR = "ThrottlingError";

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

    /** The item holding one reservation. */
    static Map<String, AttributeValue> reservationKey(ReservationId id) {
        return Map.of(
                PK, AttributeValue.fromS(RESERVATION_PREFIX + id.value()), SK, AttributeValue.fromS(RESERVATION_SK));
    }

    /** The channels' copy of a SKU's stock at a store. */
    static Map<String, AttributeValue> channelKey(StoreId storeId, Sku sku) {
        return Map.of(
                PK, AttributeValue.fromS(CHANNEL_PREFIX + storeId.value()), SK, AttributeValue.fromS(sku.value()));
    }

    static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
