package dev.asynccommerce.events;

import java.util.List;
import java.util.Objects;

/**
 * The store cannot supply the order; nothing was reserved.
 *
 * <p>Emitted by the inventory context instead of {@link InventoryReserved}. {@code aggregateId} is
 * the order id.
 *
 * <p>Source {@code commerce.inventory}, detail-type {@code InventoryReservationFailed}; the
 * contract is {@code schemas/events/InventoryReservationFailed.v1.schema.json}.
 */
public record InventoryReservationFailed(String orderId, String storeId, List<Shortage> shortages)
        implements EventData {

    public InventoryReservationFailed {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(storeId, "storeId");
        shortages = List.copyOf(Objects.requireNonNull(shortages, "shortages"));
    }
}
