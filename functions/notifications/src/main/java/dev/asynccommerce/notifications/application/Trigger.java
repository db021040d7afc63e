package dev.asynccommerce.notifications.application;

import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.notifications.domain.NotificationKey;
import java.util.Objects;

/**
 * What caused a notification, for idempotency and tracing.
 *
 * @param key the notification's idempotency key within its order
 * @param correlationId the order's business flow, carried onto CustomerNotified and log lines
 * @param causationId CustomerNotified's causationId: the order event's id, or the workflow step
 * @param traceHeader the X-Ray trace header of this invocation, or null
 */
public record Trigger(NotificationKey key, String correlationId, String causationId, String traceHeader) {
    public Trigger {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(causationId, "causationId");
    }

    /** An order event: one notification per event id, however often the event is delivered. */
    public static Trigger orderEvent(String eventId, String correlationId, String traceHeader) {
        return new Trigger(NotificationKey.forEvent(eventId), correlationId, eventId, traceHeader);
    }

    /** The workflow's reminder task: one reminder per order, however often the task runs. */
    public static Trigger pickupReminder(OrderId orderId, String correlationId, String traceHeader) {
        return new Trigger(
                NotificationKey.pickupReminder(), correlationId, "pickup-reminder-" + orderId.value(), traceHeader);
    }
}
