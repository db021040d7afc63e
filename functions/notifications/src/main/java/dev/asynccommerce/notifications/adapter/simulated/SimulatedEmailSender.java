package dev.asynccommerce.notifications.adapter.simulated;

import static dev.asynccommerce.notifications.adapter.simulated.NotificationItems.*;

import dev.asynccommerce.notifications.application.NotificationSender;
import dev.asynccommerce.notifications.application.OutboxMessage;
import dev.asynccommerce.notifications.domain.Notification;
import dev.asynccommerce.platform.dynamodb.TransactWrites;
import dev.asynccommerce.platform.outbox.OutboxItem;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The e-mail channel of the local stack, tests and benchmarks ({@code NOTIFICATIONS_CHANNEL =
 * simulated}): "sending" is recording the message in the notifications table, where {@code GET
 * /_local/notifications} finds it ({@link SentNotifications}). The recipient is stored masked.
 *
 * <p>One {@code TransactWriteItems}: the notification item, put only if its key is new (it is the
 * idempotency record), and the CustomerNotified outbox item. A lost condition on the notification
 * means it was sent before: {@link Result.AlreadySent}, nothing written. Anything else is an
 * exception, with nothing written.
 */
public final class SimulatedEmailSender implements NotificationSender {
    /** How long the local stack can still show a notification. */
    static final Duration NOTIFICATION_RETENTION = Duration.ofDays(30);

    private final DynamoDbClient dynamo;
    private final String table;

    public SimulatedEmailSender(DynamoDbClient dynamo, String notificationsTable) {
        this.dynamo = dynamo;
        this.table = notificationsTable;
    }

    @Override
    public Result send(Notification notification, OutboxMessage customerNotified) {
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWrites.putNew(table, notificationItem(notification)), outboxPut(customerNotified)));
            return new Result.Sent();
        } catch (TransactionCanceledException e) {
            if (TransactWrites.conditionFailed(e, 0)) {
                return new Result.AlreadySent();
            }
            throw e;
        }
    }

    static Map<String, AttributeValue> notificationItem(Notification n) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(orderKey(n.orderId().value())));
        item.put(SK, s(NOTIFICATION_PREFIX + n.key().value()));
        item.put(ITEM_TYPE_ATTR, s(ITEM_TYPE));
        item.put(ORDER_ID, s(n.orderId().value()));
        item.put(CUSTOMER_ID, s(n.customerId().value()));
        item.put(NOTIFICATION_TYPE, s(n.type().name()));
        item.put(CHANNEL, s(EMAIL_CHANNEL));
        item.put(RECIPIENT, s(n.recipient().masked()));
        item.put(SUBJECT, s(n.message().subject()));
        item.put(BODY, s(n.message().body()));
        item.put(SENT_AT, s(n.sentAt().toString()));
        item.put(EVENT_ID, s(n.eventId()));
        item.put(CAUSATION_ID, s(n.causationId()));
        item.put(CORRELATION_ID, s(n.correlationId()));
        item.put(
                EXPIRES_AT,
                AttributeValue.fromN(
                        Long.toString(n.sentAt().plus(NOTIFICATION_RETENTION).getEpochSecond())));
        return item;
    }

    /** Platform's outbox item, with the sort key this table has. */
    private TransactWriteItem outboxPut(OutboxMessage message) {
        return OutboxItem.of(message).putNew(table, SK);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
