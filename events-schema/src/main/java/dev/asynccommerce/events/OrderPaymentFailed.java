package dev.asynccommerce.events;

import java.util.Objects;

/**
 * No payment method of the current attempt was authorized: the order is {@code PAYMENT_FAILED}.
 *
 * <p>Emitted by the ordering context once per failed attempt; the customer may then send new
 * methods ({@link OrderPaymentMethodsUpdated}). {@code aggregateId} is the order id and {@code
 * sequence} the order's version after the change.
 *
 * <p>Source {@code commerce.ordering}, detail-type {@code OrderPaymentFailed}; the contract is
 * {@code schemas/events/OrderPaymentFailed.v1.schema.json}.
 */
public record OrderPaymentFailed(String orderId, String reason) implements EventData {

    public OrderPaymentFailed {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(reason, "reason");
    }
}
