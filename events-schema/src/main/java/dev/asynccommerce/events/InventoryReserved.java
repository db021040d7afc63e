package dev.asynccommerce.events;

import java.util.List;
import java.util.Objects;

/**
 * Stock for every line of the order is reserved at the store.
 *
 * <p>Emitted by the inventory context once per reservation, in the transaction that takes the
 * stock: a reservation is all lines or nothing. {@code aggregateId} is the order id.
 *
 * <p>Source {@code commerce.inventory}, detail-type {@code InventoryReserved}; the contract is
 * {@code schemas/events/InventoryReserved.v1.schema.json}.
 */
public record InventoryReserved(String orderId, String storeId, String reservationId, List<Line> lines)
        implements EventData {

    public InventoryReserved {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(reservationId, "reservationId");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    }
}
