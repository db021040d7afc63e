package dev.asynccommerce.notifications.domain;

import dev.asynccommerce.kernel.CustomerId;
import dev.asynccommerce.kernel.OrderId;
import java.time.Instant;
import java.util.Objects;

/**
 * One message to one customer about one order, ready to send.
 *
 * @param key unique within the order: sending the same key twice sends once
 * @param eventId the id of the CustomerNotified event that records the sending
 * @param correlationId the order's business flow
 * @param causationId the order event (or workflow step) that caused the notification
 */
public record Notification(
        NotificationKey key,
        OrderId orderId,
        CustomerId customerId,
        NotificationType type,
        Channel channel,
        EmailAddress recipient,
        Message message,
        Instant sentAt,
        String eventId,
        String correlationId,
        String causationId) {

    public Notification {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(causationId, "causationId");
    }
}
