package dev.asynccommerce.notifications.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What makes a notification unique within its order, so that a repeated trigger sends nothing new:
 * the id of the order event that caused it, or the reminder itself (one reminder per order).
 */
public record NotificationKey(String value) {
    private static final String EVENT_PREFIX = "EVENT#";
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7E]{1,160}");

    public NotificationKey {
        Objects.requireNonNull(value, "value");
        if (!PRINTABLE.matcher(value).matches()) {
            throw new IllegalArgumentException("a notification key is 1..160 printable characters");
        }
    }

    public static NotificationKey forEvent(String eventId) {
        return new NotificationKey(EVENT_PREFIX + eventId);
    }

    public static NotificationKey pickupReminder() {
        return new NotificationKey(NotificationType.PICKUP_REMINDER.name());
    }
}
