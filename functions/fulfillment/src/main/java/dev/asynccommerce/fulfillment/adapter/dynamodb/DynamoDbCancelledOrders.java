package dev.asynccommerce.fulfillment.adapter.dynamodb;

import static dev.asynccommerce.fulfillment.adapter.dynamodb.FulfillmentItems.CLOSED_RETENTION;
import static dev.asynccommerce.fulfillment.adapter.dynamodb.FulfillmentItems.epochSeconds;
import static dev.asynccommerce.fulfillment.adapter.dynamodb.FulfillmentItems.instant;
import static dev.asynccommerce.fulfillment.adapter.dynamodb.FulfillmentItems.key;
import static dev.asynccommerce.fulfillment.adapter.dynamodb.FulfillmentItems.orderKey;
import static dev.asynccommerce.fulfillment.adapter.dynamodb.FulfillmentItems.s;

import dev.asynccommerce.fulfillment.application.CancelledOrders;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.platform.dynamodb.TransactWrites;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Cancelled orders in the fulfillment table: {@code ORDER#<orderId>} / {@code CANCELLED} with the
 * store, reason, the {@code OrderCancelled} event id and when it was recorded; expires after 30
 * days. Task and wait creation check for it in their own transactions.
 */
public final class DynamoDbCancelledOrders implements CancelledOrders {
    static final String CANCELLED_SK = "CANCELLED";

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final OrderItems cancellations;

    public DynamoDbCancelledOrders(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.cancellations = new OrderItems(dynamo, tableName, CANCELLED_SK);
    }

    /** A conditional put: the first record wins, a repeat is a no-op. */
    @Override
    public void record(Cancellation cancellation) {
        Map<String, AttributeValue> item = new HashMap<>(key(orderKey(cancellation.orderId()), CANCELLED_SK));
        item.put("itemType", s("Cancellation"));
        item.put("orderId", s(cancellation.orderId().value()));
        item.put("storeId", s(cancellation.storeId().value()));
        item.put("reason", s(cancellation.reason()));
        item.put("eventId", s(cancellation.eventId()));
        item.put("cancelledAt", s(cancellation.at().toString()));
        item.put("expiresAt", epochSeconds(cancellation.at().plus(CLOSED_RETENTION)));
        try {
            dynamo.putItem(b -> b.tableName(tableName).item(item).conditionExpression(TransactWrites.KEY_IS_FREE));
        } catch (ConditionalCheckFailedException e) {
            // Recorded before: the first record stands.
        }
    }

    @Override
    public Optional<Cancellation> find(OrderId orderId) {
        return cancellations
                .find(orderId)
                .map(item -> new Cancellation(
                        orderId,
                        new StoreId(item.get("storeId").s()),
                        item.get("reason").s(),
                        item.get("eventId").s(),
                        instant(item, "cancelledAt")));
    }
}
