package dev.asynccommerce.notifications.domain;

/** What a customer notification is about; the names are CustomerNotified's {@code notificationType}. */
public enum NotificationType {
    ORDER_CONFIRMED,
    READY_FOR_PICKUP,
    PICKUP_REMINDER,
    ORDER_EXPIRED,
    ORDER_CANCELLED,
    PAYMENT_FAILED
}
