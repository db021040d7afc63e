package dev.asynccommerce.ordering.application;

import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.ordering.domain.Order;
import java.util.Optional;

/**
 * Orders, with the outbox and the idempotency records in the same store.
 *
 * <p>Every write is one transaction: the order's new state, its event for the outbox and (at
 * checkout) the idempotency record commit together or not at all. Concurrent changes are detected
 * with the order's {@link Order#revision()}, never by reading first and writing later.
 */
public interface OrderRepository {

    Optional<Order> find(OrderId id);

    Optional<CheckoutRecord> findCheckout(String idempotencyKey);

    /** Stores a new order, its {@code OrderPlaced} message and the checkout record, atomically. */
    CreateResult create(Order order, OutboxMessage placed, CheckoutRecord checkout);

    /**
     * Stores the next version of an order and its event, if the stored order is still at {@code
     * expectedRevision}.
     */
    SaveResult save(Order order, long expectedRevision, OutboxMessage event);

    /**
     * Stores a noted order ({@link dev.asynccommerce.ordering.domain.Decision.Noted}) with no outbox
     * message, if the stored order is still at {@code expectedRevision}: a note publishes nothing,
     * yet must not overwrite, nor be overwritten by, a concurrent writer.
     */
    SaveResult saveNote(Order order, long expectedRevision);

    sealed interface CreateResult {
        record Created() implements CreateResult {}

        /** Another checkout took this Idempotency-Key first; nothing was written. */
        record KeyAlreadyUsed() implements CreateResult {}
    }

    sealed interface SaveResult {
        record Saved() implements SaveResult {}

        /** The order changed since it was read; nothing was written. */
        record VersionConflict() implements SaveResult {}
    }
}
