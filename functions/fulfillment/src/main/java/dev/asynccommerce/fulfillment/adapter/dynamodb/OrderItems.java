package dev.asynccommerce.fulfillment.adapter.dynamodb;

import static dev.asynccommerce.fulfillment.adapter.dynamodb.FulfillmentItems.key;
import static dev.asynccommerce.fulfillment.adapter.dynamodb.FulfillmentItems.n;
import static dev.asynccommerce.fulfillment.adapter.dynamodb.FulfillmentItems.orderKey;

import dev.asynccommerce.fulfillment.application.Creation;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.platform.dynamodb.TransactWrites;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * One kind of an order's items in the fulfillment table, {@code ORDER#<orderId>} / {@code sortKey}:
 * the pick task, the collection wait, the cancellation. What their adapters share: the strongly
 * consistent read, the creation that a recorded cancellation forbids, and the condition of a write
 * over the version read.
 */
final class OrderItems {
    /** The condition of a write that replaces the version it read; {@link #expecting} binds it. */
    static final String VERSION_IS_EXPECTED = "version = :expected";

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final String sortKey;

    OrderItems(DynamoDbClient dynamo, String tableName, String sortKey) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.sortKey = sortKey;
    }

    /** The values of {@link #VERSION_IS_EXPECTED}. */
    static Map<String, AttributeValue> expecting(long version) {
        return Map.of(":expected", n(version));
    }

    /** The order's item of this kind, read strongly consistent: a write a moment ago is seen. */
    Optional<Map<String, AttributeValue>> find(OrderId orderId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(tableName)
                        .key(key(orderKey(orderId), sortKey))
                        .consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /**
     * One transaction: no cancellation recorded for {@code orderId} (a condition check), {@code item}
     * under a new key, and the writes that go {@code with} it. Nothing is written unless all are.
     */
    Creation create(OrderId orderId, Map<String, AttributeValue> item, TransactWriteItem... with) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder()
                .conditionCheck(c -> c.tableName(tableName)
                        .key(key(orderKey(orderId), DynamoDbCancelledOrders.CANCELLED_SK))
                        .conditionExpression(TransactWrites.KEY_IS_FREE))
                .build());
        writes.add(TransactWrites.putNew(tableName, item));
        writes.addAll(List.of(with));
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
            return Creation.CREATED;
        } catch (TransactionCanceledException e) {
            if (TransactWrites.conditionFailed(e, 0)) {
                return Creation.ORDER_CANCELLED;
            }
            if (TransactWrites.conditionFailed(e, 1)) {
                return Creation.ALREADY_EXISTS;
            }
            throw e;
        }
    }
}
