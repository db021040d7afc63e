package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.StoreId;
import java.time.Instant;
import java.util.Optional;

/**
 * The orders fulfillment has learnt were cancelled. Once one is recorded, no pick task or collection
 * wait is created for the order any more, which closes the race between a cancel and a workflow step
 * that was about to start.
 *
 * <p>Guarantees: the first record of an order wins; recording it again changes nothing. Failure
 * behaviour: storage failures are exceptions, for the platform to retry.
 */
public interface CancelledOrders {

    void record(Cancellation cancellation);

    Optional<Cancellation> find(OrderId orderId);

    /** @param reason the cancellation reason as ordering published it, e.g. {@code CUSTOMER_REQUESTED} */
    record Cancellation(OrderId orderId, StoreId storeId, String reason, String eventId, Instant at) {}
}
