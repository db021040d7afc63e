package dev.asynccommerce.events;

import java.util.Objects;

/**
 * Every line is picked and staged: the order is {@code READY_FOR_PICKUP}.
 *
 * <p>Emitted by the ordering context once per order. {@code aggregateId} is the order id and {@code
 * sequence} the order's version after the change. The pickup code goes to the customer's
 * notification; consumers must not log it.
 *
 * <p>Source {@code commerce.ordering}, detail-type {@code OrderReadyForPickup}; the contract is
 * {@code schemas/events/OrderReadyForPickup.v1.schema.json}.
 */
public record OrderReadyForPickup(String orderId, String storeId, String pickupCode) implements EventData {

    public OrderReadyForPickup {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(pickupCode, "pickupCode");
    }
}
