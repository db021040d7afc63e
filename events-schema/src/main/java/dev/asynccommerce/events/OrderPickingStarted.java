package dev.asynccommerce.events;

import java.util.Objects;

/**
 * Store staff started picking: the order is {@code PICKING}.
 *
 * <p>Emitted by the ordering context once per order. {@code aggregateId} is the order id and {@code
 * sequence} the order's version after the change.
 *
 * <p>Source {@code commerce.ordering}, detail-type {@code OrderPickingStarted}; the contract is
 * {@code schemas/events/OrderPickingStarted.v1.schema.json}.
 */
public record OrderPickingStarted(String orderId, String storeId) implements EventData {

    public OrderPickingStarted {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(storeId, "storeId");
    }
}
