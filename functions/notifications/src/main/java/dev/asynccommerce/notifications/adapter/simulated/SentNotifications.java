package dev.asynccommerce.notifications.adapter.simulated;

import static dev.asynccommerce.notifications.adapter.simulated.NotificationItems.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads what the simulated channel sent, for the local stack's {@code GET /_local/notifications}
 * and for tests. Oldest first. Outbox items in the same table are left out.
 */
public final class SentNotifications {
    private static final Comparator<SentNotification> OLDEST_FIRST = Comparator.comparing(SentNotification::sentAt)
            .thenComparing(SentNotification::orderId)
            .thenComparing(SentNotification::eventId);

    private SentNotifications() {}

    /** Every notification in the table: a paginated {@code Scan}, fine for a local table. */
    public static List<SentNotification> all(DynamoDbClient dynamo, String notificationsTable) {
        return oldestFirst(dynamo.scanPaginator(b -> b.tableName(notificationsTable)
                        .filterExpression("#type = :notification")
                        .expressionAttributeNames(Map.of("#type", ITEM_TYPE_ATTR))
                        .expressionAttributeValues(Map.of(":notification", AttributeValue.fromS(ITEM_TYPE)))
                        .consistentRead(true))
                .items());
    }

    /** One order's notifications: a paginated {@code Query} on its partition. */
    public static List<SentNotification> forOrder(DynamoDbClient dynamo, String notificationsTable, String orderId) {
        return oldestFirst(dynamo.queryPaginator(b -> b.tableName(notificationsTable)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                        .expressionAttributeValues(Map.of(
                                ":pk", AttributeValue.fromS(orderKey(orderId)),
                                ":prefix", AttributeValue.fromS(NOTIFICATION_PREFIX)))
                        .consistentRead(true))
                .items());
    }

    /** Reads every page the SDK's paginator fetches, as they come. */
    private static List<SentNotification> oldestFirst(Iterable<Map<String, AttributeValue>> items) {
        List<SentNotification> found = new ArrayList<>();
        items.forEach(item -> found.add(read(item)));
        found.sort(OLDEST_FIRST);
        return found;
    }

    private static SentNotification read(Map<String, AttributeValue> item) {
        return new SentNotification(
                string(item, ORDER_ID),
                string(item, CUSTOMER_ID),
                string(item, NOTIFICATION_TYPE),
                string(item, CHANNEL),
                string(item, RECIPIENT),
                string(item, SUBJECT),
                string(item, BODY),
                instant(string(item, SENT_AT)),
                string(item, EVENT_ID),
                string(item, CAUSATION_ID),
                string(item, CORRELATION_ID));
    }

    /** Only this adapter writes these items; a missing time sorts first rather than failing the listing. */
    private static Instant instant(String value) {
        return value == null ? Instant.EPOCH : Instant.parse(value);
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
