package dev.asynccommerce.events;

import java.util.Objects;

/**
 * The order ended uncollected: it is {@code EXPIRED}; stock release and payment void follow.
 *
 * <p>Emitted by the ordering context at most once per order. {@code aggregateId} is the order id
 * and {@code sequence} the order's version after the change.
 *
 * <p>Source {@code commerce.ordering}, detail-type {@code OrderExpired}; the contract is {@code
 * schemas/events/OrderExpired.v1.schema.json}.
 */
public record OrderExpired(String orderId, String storeId, String previousStatus) implements EventData {

    public OrderExpired {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(previousStatus, "previousStatus");
    }
}
