package dev.asynccommerce.notifications.adapter.simulated;

import java.time.Instant;

/**
 * A notification the simulated channel recorded, as {@code GET /_local/notifications} shows it. The
 * recipient is masked ({@code a***@example.com}); the body is what the customer read (a
 * ready-for-pickup body holds the pickup code).
 */
public record SentNotification(
        String orderId,
        String customerId,
        String notificationType,
        String channel,
        String recipient,
        String subject,
        String body,
        Instant sentAt,
        String eventId,
        String causationId,
        String correlationId) {}
