package dev.asynccommerce.events;

import java.util.Objects;

/**
 * The customer collected the order: it is {@code COLLECTED}; payment capture follows.
 *
 * <p>Emitted by the ordering context once per order. {@code aggregateId} is the order id and {@code
 * sequence} the order's version after the change.
 *
 * <p>Source {@code commerce.ordering}, detail-type {@code OrderCollected}; the contract is {@code
 * schemas/events/OrderCollected.v1.schema.json}.
 */
public record OrderCollected(String orderId, String storeId) implements EventData {

    public OrderCollected {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(storeId, "storeId");
    }
}
