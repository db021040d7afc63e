package dev.asynccommerce.events;

import java.util.Objects;

/**
 * The provider authorized the order's amount on one method; it is held until captured or voided.
 *
 * <p>Emitted by the payments context at most once per order and attempt. {@code aggregateId} is the
 * order id and {@code sequence} the version of the order's payment after the change.
 *
 * <p>Source {@code commerce.payments}, detail-type {@code PaymentAuthorized}; the contract is
 * {@code schemas/events/PaymentAuthorized.v1.schema.json}.
 */
public record PaymentAuthorized(
        String orderId, String paymentId, long amountCents, String currency, String methodType, int attempt)
        implements EventData {

    public PaymentAuthorized {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(methodType, "methodType");
    }
}
