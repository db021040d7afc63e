package dev.asynccommerce.events;

import java.util.List;
import java.util.Objects;

/**
 * A reservation was released and its stock is available again.
 *
 * <p>Emitted by the inventory context at most once per reservation. {@code aggregateId} is the
 * order id.
 *
 * <p>Source {@code commerce.inventory}, detail-type {@code InventoryReleased}; the contract is
 * {@code schemas/events/InventoryReleased.v1.schema.json}.
 */
public record InventoryReleased(String orderId, String storeId, String reservationId, List<Line> lines, String reason)
        implements EventData {

    public InventoryReleased {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(reservationId, "reservationId");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        Objects.requireNonNull(reason, "reason");
    }
}
