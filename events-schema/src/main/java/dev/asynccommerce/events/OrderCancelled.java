package dev.asynccommerce.events;

import java.util.Objects;

/**
 * The order was cancelled before collection: it is {@code CANCELLED}; stock release and payment
 * void or refund follow.
 *
 * <p>Emitted by the ordering context at most once per order. {@code aggregateId} is the order id
 * and {@code sequence} the order's version after the change.
 *
 * <p>Source {@code commerce.ordering}, detail-type {@code OrderCancelled}; the contract is {@code
 * schemas/events/OrderCancelled.v1.schema.json}.
 */
public record OrderCancelled(String orderId, String storeId, String reason, String previousStatus)
        implements EventData {

    public OrderCancelled {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(previousStatus, "previousStatus");
    }
}
