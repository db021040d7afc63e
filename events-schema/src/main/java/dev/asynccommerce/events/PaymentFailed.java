package dev.asynccommerce.events;

import java.util.Objects;

/**
 * Payment could not be completed for a technical reason after retries; nothing was decided about
 * the methods.
 *
 * <p>Emitted by the payments context once per failed attempt. {@code aggregateId} is the order id
 * and {@code sequence} the version of the order's payment after the change.
 *
 * <p>Source {@code commerce.payments}, detail-type {@code PaymentFailed}; the contract is {@code
 * schemas/events/PaymentFailed.v1.schema.json}.
 */
public record PaymentFailed(String orderId, long amountCents, String currency, String reason, int attempt)
        implements EventData {

    public PaymentFailed {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(reason, "reason");
    }
}
