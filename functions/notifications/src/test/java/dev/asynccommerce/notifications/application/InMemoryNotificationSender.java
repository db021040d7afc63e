package dev.asynccommerce.notifications.application;

import dev.asynccommerce.notifications.domain.Notification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps what would have been sent, with its event, and keeps the port's promise: once per order and
 * key. {@link #failNext()} makes the next send a technical failure, with nothing kept.
 */
public final class InMemoryNotificationSender implements NotificationSender {
    public record Sent(Notification notification, OutboxMessage event) {}

    private final Map<String, Sent> sent = new LinkedHashMap<>();
    private boolean failNext;

    public void failNext() {
        failNext = true;
    }

    @Override
    public synchronized Result send(Notification notification, OutboxMessage customerNotified) {
        if (failNext) {
            failNext = false;
            throw new IllegalStateException("simulated technical failure");
        }
        String key = notification.orderId().value() + "|" + notification.key().value();
        if (sent.containsKey(key)) {
            return new Result.AlreadySent();
        }
        sent.put(key, new Sent(notification, customerNotified));
        return new Result.Sent();
    }

    public synchronized List<Sent> sent() {
        return new ArrayList<>(sent.values());
    }
}
