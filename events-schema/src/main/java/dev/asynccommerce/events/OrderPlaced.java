package dev.asynccommerce.events;

import java.util.List;
import java.util.Objects;

/**
 * A customer checked out; the order exists in {@code PENDING_PAYMENT}.
 *
 * <p>Emitted once per order by the ordering context, in the same transaction that creates the
 * order; it starts the order's pickup workflow. {@code aggregateId} is the order id and {@code
 * sequence} the order's version after the change. It is always sequence 1. The payment methods are
 * provider tokens, never card numbers; the customer appears only by opaque id.
 *
 * <p>Source {@code commerce.ordering}, detail-type {@code OrderPlaced}; the contract is {@code
 * schemas/events/OrderPlaced.v1.schema.json}.
 */
public record OrderPlaced(
        String orderId,
        String customerId,
        String storeId,
        String fulfillmentType,
        List<PricedLine> lines,
        long totalCents,
        String currency,
        List<PaymentMethod> paymentMethods)
        implements EventData {

    public OrderPlaced {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(fulfillmentType, "fulfillmentType");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        Objects.requireNonNull(currency, "currency");
        paymentMethods = List.copyOf(Objects.requireNonNull(paymentMethods, "paymentMethods"));
    }
}
