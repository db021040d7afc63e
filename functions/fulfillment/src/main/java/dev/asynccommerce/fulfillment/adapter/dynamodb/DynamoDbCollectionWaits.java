package dev.asynccommerce.fulfillment.adapter.dynamodb;

import static dev.asynccommerce.fulfillment.adapter.dynamodb.FulfillmentItems.CLOSED_RETENTION;
import static dev.asynccommerce.fulfillment.adapter.dynamodb.FulfillmentItems.epochSeconds;
import static dev.asynccommerce.fulfillment.adapter.dynamodb.FulfillmentItems.instant;
import static dev.asynccommerce.fulfillment.adapter.dynamodb.FulfillmentItems.key;
import static dev.asynccommerce.fulfillment.adapter.dynamodb.FulfillmentItems.n;
import static dev.asynccommerce.fulfillment.adapter.dynamodb.FulfillmentItems.orderKey;
import static dev.asynccommerce.fulfillment.adapter.dynamodb.FulfillmentItems.s;

import dev.asynccommerce.fulfillment.application.CollectionWaits;
import dev.asynccommerce.fulfillment.application.Creation;
import dev.asynccommerce.fulfillment.domain.CollectionStatus;
import dev.asynccommerce.fulfillment.domain.CollectionWait;
import dev.asynccommerce.fulfillment.domain.PickupCodeDigest;
import dev.asynccommerce.fulfillment.domain.TaskToken;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.StoreId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Collection waits in the fulfillment table: {@code ORDER#<orderId>} / {@code COLLECTION} with the
 * store, the pickup code's digest (never the code), the token, {@code reminded}, status and {@code
 * version}; {@code expiresAt} once closed. No event is written: the ordering context publishes the
 * collection when the workflow tells it.
 */
public final class DynamoDbCollectionWaits implements CollectionWaits {
    static final String COLLECTION_SK = "COLLECTION";

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final OrderItems waits;

    public DynamoDbCollectionWaits(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.waits = new OrderItems(dynamo, tableName, COLLECTION_SK);
    }

    @Override
    public Optional<CollectionWait> find(OrderId orderId) {
        return waits.find(orderId).map(DynamoDbCollectionWaits::wait);
    }

    /** One transaction: no cancellation recorded for the order, and a new key. */
    @Override
    public Creation create(CollectionWait wait) {
        return waits.create(wait.orderId(), item(wait));
    }

    @Override
    public boolean save(CollectionWait wait, long expectedVersion) {
        try {
            dynamo.putItem(b -> b.tableName(tableName)
                    .item(item(wait))
                    .conditionExpression(OrderItems.VERSION_IS_EXPECTED)
                    .expressionAttributeValues(OrderItems.expecting(expectedVersion)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> item(CollectionWait wait) {
        Map<String, AttributeValue> item = new HashMap<>(key(orderKey(wait.orderId()), COLLECTION_SK));
        item.put("itemType", s("CollectionWait"));
        item.put("orderId", s(wait.orderId().value()));
        item.put("storeId", s(wait.storeId().value()));
        item.put("pickupCodeDigest", s(wait.code().hex()));
        item.put("taskToken", s(wait.token().value()));
        item.put("reminded", AttributeValue.fromBool(wait.reminded()));
        item.put("status", s(wait.status().name()));
        item.put("correlationId", s(wait.correlationId()));
        item.put("createdAt", s(wait.createdAt().toString()));
        item.put("version", n(wait.version()));
        if (wait.closedAt() != null) {
            item.put("closedAt", s(wait.closedAt().toString()));
            item.put("expiresAt", epochSeconds(wait.closedAt().plus(CLOSED_RETENTION)));
        }
        return item;
    }

    private static CollectionWait wait(Map<String, AttributeValue> item) {
        return new CollectionWait(
                new OrderId(item.get("orderId").s()),
                new StoreId(item.get("storeId").s()),
                new PickupCodeDigest(item.get("pickupCodeDigest").s()),
                new TaskToken(item.get("taskToken").s()),
                item.get("reminded").bool(),
                CollectionStatus.valueOf(item.get("status").s()),
                item.get("correlationId").s(),
                instant(item, "createdAt"),
                Long.parseLong(item.get("version").n()),
                instant(item, "closedAt"));
    }
}
