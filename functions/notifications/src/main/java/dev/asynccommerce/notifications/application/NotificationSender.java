package dev.asynccommerce.notifications.application;

import dev.asynccommerce.notifications.domain.Notification;

/**
 * Port: sends a notification and records it, with the CustomerNotified event that says so.
 *
 * <p>Guarantees: at most once per order and {@link Notification#key()}: a repeat answers {@link
 * Result.AlreadySent} and sends nothing; the record of the sending and {@code customerNotified}
 * (for the outbox) are kept together or not at all. Failure behaviour: a technical failure is an
 * exception, and nothing was sent; the caller may retry.
 */
public interface NotificationSender {
    Result send(Notification notification, OutboxMessage customerNotified);

    sealed interface Result {
        record Sent() implements Result {}

        record AlreadySent() implements Result {}
    }
}
