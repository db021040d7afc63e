package dev.asynccommerce.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A pick task for the store: the lines to pick and when they are due.
 *
 * <p>Emitted by the fulfillment context once per order sent to a store; the order's workflow waits
 * for {@link OrderPicked} or {@link OrderShortPicked}. {@code aggregateId} is the order id.
 *
 * <p>Source {@code commerce.fulfillment}, detail-type {@code PickTaskCreated}; the contract is
 * {@code schemas/events/PickTaskCreated.v1.schema.json}.
 */
public record PickTaskCreated(String orderId, String storeId, List<Line> lines, Instant createdAt, Instant dueAt)
        implements EventData {

    public PickTaskCreated {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(storeId, "storeId");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(dueAt, "dueAt");
    }
}
