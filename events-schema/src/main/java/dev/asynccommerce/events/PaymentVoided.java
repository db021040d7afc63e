package dev.asynccommerce.events;

import java.util.Objects;

/**
 * An authorization was released without capture.
 *
 * <p>Emitted by the payments context once per payment. {@code aggregateId} is the order id and
 * {@code sequence} the version of the order's payment after the change.
 *
 * <p>Source {@code commerce.payments}, detail-type {@code PaymentVoided}; the contract is {@code
 * schemas/events/PaymentVoided.v1.schema.json}.
 */
public record PaymentVoided(String orderId, String paymentId, long amountCents, String currency) implements EventData {

    public PaymentVoided {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(currency, "currency");
    }
}
