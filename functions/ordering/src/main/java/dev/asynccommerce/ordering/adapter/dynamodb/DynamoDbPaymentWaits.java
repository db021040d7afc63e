package dev.asynccommerce.ordering.adapter.dynamodb;

import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.ordering.application.PaymentWaits;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The token of a {@code PAYMENT_FAILED} wait as one item beside the order in the orders table
 * ({@code pk = PAYMENT_WAIT#<orderId>}, TTL on {@code expiresAt}). Not in the order item: the token
 * belongs to the workflow, not to the order's history, and the outbox relay ignores items that are not
 * outbox entries. Reads skip an expired item, since TTL deletes late.
 */
public final class DynamoDbPaymentWaits implements PaymentWaits {
    static final String KEY_PREFIX = "PAYMENT_WAIT#";

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final Clock clock;

    public DynamoDbPaymentWaits(DynamoDbClient dynamo, String tableName, Clock clock) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.clock = clock;
    }

    @Override
    public void remember(OrderId order, String taskToken, Instant expiresAt) {
        dynamo.putItem(b -> b.tableName(tableName)
                .item(Map.of(
                        "pk", key(order),
                        "taskToken", AttributeValue.fromS(taskToken),
                        "expiresAt", AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())))));
    }

    @Override
    public Optional<String> find(OrderId order) {
        Map<String, AttributeValue> item = dynamo.getItem(b ->
                        b.tableName(tableName).key(Map.of("pk", key(order))).consistentRead(true))
                .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        long expiresAt = Long.parseLong(item.get("expiresAt").n());
        if (expiresAt <= clock.instant().getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(item.get("taskToken").s());
    }

    @Override
    public void forget(OrderId order, String taskToken) {
        try {
            dynamo.deleteItem(b -> b.tableName(tableName)
                    .key(Map.of("pk", key(order)))
                    .conditionExpression("taskToken = :token")
                    .expressionAttributeValues(Map.of(":token", AttributeValue.fromS(taskToken))));
        } catch (ConditionalCheckFailedException newerWait) {
            // Gone already, or a newer wait replaced it: that one stays.
        }
    }

    private static AttributeValue key(OrderId order) {
        return AttributeValue.fromS(KEY_PREFIX + order.value());
    }
}
