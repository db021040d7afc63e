package dev.asynccommerce.notifications.application;

import dev.asynccommerce.events.CustomerNotified;
import dev.asynccommerce.events.EventDetail;
import dev.asynccommerce.events.EventJson;
import dev.asynccommerce.events.EventType;
import dev.asynccommerce.events.Events;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.notifications.domain.Notification;
import dev.asynccommerce.notifications.domain.NotificationKey;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The CustomerNotified event of a notification: ids, type and channel only, never the address or
 * the text, checked against its schema before it can reach the outbox.
 */
final class NotificationEvents {
    /**
     * Notifications are not versioned per order: each is a one-off fact about the order (the
     * schema's aggregateId), so every CustomerNotified is the first and only of its kind. Consumers
     * are idempotent on eventId.
     */
    static final long SEQUENCE = 1;

    private NotificationEvents() {}

    /**
     * The same notification always gets the same event id, so a retried attempt cannot publish a
     * second event even if it got past the notification's own condition.
     */
    static String eventId(OrderId orderId, NotificationKey key) {
        String name = "CustomerNotified/" + orderId.value() + "/" + key.value();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * @throws dev.asynccommerce.events.InvalidEventException when the event breaks its schema: a
     *     programming error, caught before anything is written
     */
    static OutboxMessage customerNotified(Notification notification, String traceHeader) {
        CustomerNotified data = new CustomerNotified(
                notification.orderId().value(),
                notification.customerId().value(),
                notification.type().name(),
                notification.channel().name());
        EventDetail<CustomerNotified> detail = Events.detail(
                data,
                notification.eventId(),
                notification.sentAt(),
                notification.correlationId(),
                notification.causationId(),
                notification.orderId().value(),
                SEQUENCE);
        EventType type = EventType.of(data);
        return new OutboxMessage(
                notification.eventId(),
                type.source(),
                type.detailType(),
                EventJson.write(detail),
                notification.orderId().value(),
                notification.sentAt(),
                traceHeader);
    }
}
