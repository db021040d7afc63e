package dev.asynccommerce.events;

import java.util.List;
import java.util.Objects;

/**
 * Store staff picked every line in full.
 *
 * <p>Emitted by the fulfillment context at most once per pick task. {@code aggregateId} is the
 * order id.
 *
 * <p>Source {@code commerce.fulfillment}, detail-type {@code OrderPicked}; the contract is {@code
 * schemas/events/OrderPicked.v1.schema.json}.
 */
public record OrderPicked(String orderId, String storeId, List<Line> lines) implements EventData {

    public OrderPicked {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(storeId, "storeId");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    }
}
