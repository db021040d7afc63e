package dev.asynccommerce.events;

import java.util.List;
import java.util.Objects;

/**
 * Store staff picked less than was ordered.
 *
 * <p>Emitted by the fulfillment context at most once per pick task, instead of {@link OrderPicked}.
 * {@code picked} has a line per ordered SKU, with quantity 0 when none could be picked. {@code
 * aggregateId} is the order id.
 *
 * <p>Source {@code commerce.fulfillment}, detail-type {@code OrderShortPicked}; the contract is
 * {@code schemas/events/OrderShortPicked.v1.schema.json}.
 */
public record OrderShortPicked(String orderId, String storeId, List<Line> ordered, List<Line> picked)
        implements EventData {

    public OrderShortPicked {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(storeId, "storeId");
        ordered = List.copyOf(Objects.requireNonNull(ordered, "ordered"));
        picked = List.copyOf(Objects.requireNonNull(picked, "picked"));
    }
}
