package dev.asynccommerce.events;

import java.util.Objects;

/**
 * Payment is authorized and stock reserved: the order is {@code CONFIRMED}.
 *
 * <p>Emitted by the ordering context once per order. {@code aggregateId} is the order id and {@code
 * sequence} the order's version after the change.
 *
 * <p>Source {@code commerce.ordering}, detail-type {@code OrderConfirmed}; the contract is {@code
 * schemas/events/OrderConfirmed.v1.schema.json}.
 */
public record OrderConfirmed(String orderId, String storeId) implements EventData {

    public OrderConfirmed {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(storeId, "storeId");
    }
}
