package dev.asynccommerce.events;

import java.util.Objects;

/**
 * The authorized amount was captured after the customer collected the order.
 *
 * <p>Emitted by the payments context once per payment. {@code aggregateId} is the order id and
 * {@code sequence} the version of the order's payment after the change.
 *
 * <p>Source {@code commerce.payments}, detail-type {@code PaymentCaptured}; the contract is {@code
 * schemas/events/PaymentCaptured.v1.schema.json}.
 */
public record PaymentCaptured(String orderId, String paymentId, long amountCents, String currency)
        implements EventData {

    public PaymentCaptured {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(currency, "currency");
    }
}
