package dev.asynccommerce.notifications.application;

/**
 * The workflow's reminder task input as it came: {@code {"command": "PICKUP_REMINDER", "orderId",
 * "correlationId", "storeId", "expiresInSeconds"}}. The text fields are strings or null;
 * {@code expiresInSeconds} is the JSON integer as given, or null when it is absent or not a whole
 * number (the use case judges its value, so every rule about it lives in one place).
 */
public record PickupReminderRequest(
        String command, String orderId, String correlationId, String storeId, Long expiresInSeconds) {}
