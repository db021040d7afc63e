package dev.asynccommerce.events;

import java.util.Objects;

/**
 * Captured money was returned to the customer.
 *
 * <p>Emitted by the payments context once per refund. {@code aggregateId} is the order id and
 * {@code sequence} the version of the order's payment after the change.
 *
 * <p>Source {@code commerce.payments}, detail-type {@code PaymentRefunded}; the contract is {@code
 * schemas/events/PaymentRefunded.v1.schema.json}.
 */
public record PaymentRefunded(
        String orderId, String paymentId, String refundId, long amountCents, String currency, String reason)
        implements EventData {

    public PaymentRefunded {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(refundId, "refundId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(reason, "reason");
    }
}
