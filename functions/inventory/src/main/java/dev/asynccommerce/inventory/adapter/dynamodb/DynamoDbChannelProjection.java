package dev.asynccommerce.inventory.adapter.dynamodb;

import static dev.asynccommerce.inventory.adapter.dynamodb.InventoryTable.PK;
import static dev.asynccommerce.inventory.adapter.dynamodb.InventoryTable.number;

import dev.asynccommerce.inventory.application.ChannelProjection;
import dev.asynccommerce.inventory.domain.ChannelStock;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The channels' copy of stock in the inventory table: {@code pk=CHANNEL#<storeId>, sk=<sku>} with
 * {@code lastSkuSequence}, {@code onHand}, {@code available}. Each write is a PutItem conditional
 * on the sequence it was decided on, so a step is applied once even by racing consumers.
 */
public final class DynamoDbChannelProjection implements ChannelProjection {
    static final String ITEM_TYPE = "ChannelStock";
    static final String LAST_SKU_SEQUENCE = "lastSkuSequence";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbChannelProjection(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public Optional<ChannelStock> find(StoreId storeId, Sku sku) {
        var response = dynamoDb.getItem(b -> b.tableName(tableName)
                .key(InventoryTable.channelKey(storeId, sku))
                .consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = response.item();
        return Optional.of(new ChannelStock(
                storeId,
                sku,
                Long.parseLong(item.get(LAST_SKU_SEQUENCE).n()),
                Integer.parseInt(item.get("onHand").n()),
                Integer.parseInt(item.get("available").n())));
    }

    @Override
    public boolean save(ChannelStock next, long expectedLastSequence) {
        Map<String, AttributeValue> item = new HashMap<>(InventoryTable.channelKey(next.storeId(), next.sku()));
        item.put("itemType", AttributeValue.fromS(ITEM_TYPE));
        item.put("storeId", AttributeValue.fromS(next.storeId().value()));
        item.put("sku", AttributeValue.fromS(next.sku().value()));
        item.put(LAST_SKU_SEQUENCE, number(next.lastSkuSequence()));
        item.put("onHand", number(next.onHand()));
        item.put("available", number(next.available()));
        try {
            if (expectedLastSequence == 0) {
                dynamoDb.putItem(b -> b.tableName(tableName)
                        .item(item)
                        .conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", PK)));
            } else {
                dynamoDb.putItem(b -> b.tableName(tableName)
                        .item(item)
                        .conditionExpression("#last = :expected")
                        .expressionAttributeNames(Map.of("#last", LAST_SKU_SEQUENCE))
                        .expressionAttributeValues(Map.of(":expected", number(expectedLastSequence))));
            }
            return true;
        } catch (ConditionalCheckFailedException movedOn) {
            return false;
        }
    }
}
