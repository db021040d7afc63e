package dev.asynccommerce.ordering.application;

import dev.asynccommerce.kernel.OrderId;
import java.time.Instant;

/**
 * What a checkout answered, kept under its Idempotency-Key so that a retry gets the same answer.
 *
 * @param requestFingerprint a digest of the request body, to tell a retry from another request
 * @param orderToken kept so the retry can be given the same token as the first answer
 * @param expiresAt when the key may be used again for a different request
 */
public record CheckoutRecord(
        String idempotencyKey, String requestFingerprint, OrderId orderId, String orderToken, Instant expiresAt) {}
