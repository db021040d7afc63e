package dev.asynccommerce.payments.application;

import dev.asynccommerce.kernel.OrderId;

/**
 * Business counts only the payments context can make. The rest (authorized, declined, failed) are
 * counted from the published events by the audit context; whether an authorization was a fallback
 * is known here alone, from the method's place in the customer's list.
 */
public interface PaymentMetrics {
    /** A method after the customer's first was authorized; call once per decided attempt. */
    void fallbackAuthorized(OrderId orderId, String correlationId);
}
