package dev.asynccommerce.notifications.domain;

/** How a notification reaches the customer; the names are CustomerNotified's {@code channel}. */
public enum Channel {
    EMAIL
}
