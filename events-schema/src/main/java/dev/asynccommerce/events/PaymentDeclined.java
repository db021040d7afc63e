package dev.asynccommerce.events;

import java.util.Objects;

/**
 * The provider declined one payment method.
 *
 * <p>Emitted by the payments context once per declined method. After a {@code SOFT} decline the
 * next method of the attempt is tried; a {@code HARD} one is final for that method. {@code
 * aggregateId} is the order id and {@code sequence} the version of the order's payment after the
 * change.
 *
 * <p>Source {@code commerce.payments}, detail-type {@code PaymentDeclined}; the contract is {@code
 * schemas/events/PaymentDeclined.v1.schema.json}.
 */
public record PaymentDeclined(
        String orderId,
        long amountCents,
        String currency,
        String methodType,
        String declineKind,
        String reasonCode,
        int attempt)
        implements EventData {

    public PaymentDeclined {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(methodType, "methodType");
        Objects.requireNonNull(declineKind, "declineKind");
        Objects.requireNonNull(reasonCode, "reasonCode");
    }
}
