package dev.asynccommerce.events;

import java.util.List;
import java.util.Objects;

/**
 * After {@code PAYMENT_FAILED} the customer sent new payment methods; payment is tried again.
 *
 * <p>Emitted by the ordering context once per new attempt ({@code attempt} 2 or more). {@code
 * aggregateId} is the order id and {@code sequence} the order's version after the change.
 *
 * <p>Source {@code commerce.ordering}, detail-type {@code OrderPaymentMethodsUpdated}; the contract
 * is {@code schemas/events/OrderPaymentMethodsUpdated.v1.schema.json}.
 */
public record OrderPaymentMethodsUpdated(String orderId, List<PaymentMethod> paymentMethods, int attempt)
        implements EventData {

    public OrderPaymentMethodsUpdated {
        Objects.requireNonNull(orderId, "orderId");
        paymentMethods = List.copyOf(Objects.requireNonNull(paymentMethods, "paymentMethods"));
    }
}
