package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.fulfillment.domain.CollectionWait;
import dev.asynccommerce.kernel.OrderId;
import java.util.Optional;

/**
 * Collection waits, one per order. Guarantees: a wait is never created for an order recorded as
 * cancelled, nor twice; a change is stored only over the version it was made from. Failure
 * behaviour: storage failures are exceptions, for the platform to retry.
 */
public interface CollectionWaits {

    /** Strongly consistent. */
    Optional<CollectionWait> find(OrderId orderId);

    Creation create(CollectionWait wait);

    /** @return false when another writer changed the wait in between: reload and decide again */
    boolean save(CollectionWait wait, long expectedVersion);
}
