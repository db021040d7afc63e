package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.fulfillment.domain.PickLine;
import dev.asynccommerce.kernel.OrderId;
import java.time.Instant;
import java.util.List;

/** An open pick task as a store's device lists it: no token, nothing beyond what staff need. */
public record OpenPickTask(OrderId orderId, List<PickLine> lines, Instant createdAt, Instant dueAt, boolean escalated) {
    public OpenPickTask {
        lines = List.copyOf(lines);
    }
}
