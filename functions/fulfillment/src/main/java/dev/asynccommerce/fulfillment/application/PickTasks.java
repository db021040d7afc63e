package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.fulfillment.domain.PickTask;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.StoreId;
import java.util.List;
import java.util.Optional;

/**
 * Pick tasks, one per order, and the open ones by store.
 *
 * <p>Guarantees: a task is created together with its {@code PickTaskCreated} outbox message or not
 * at all, never for an order recorded as cancelled ({@link CancelledOrders}), and never twice; a
 * change is stored only over the version it was made from, together with its event when it has one.
 * Failure behaviour: storage failures are exceptions, for the platform to retry.
 */
public interface PickTasks {

    /** Strongly consistent: a task just created or changed is seen. */
    Optional<PickTask> find(OrderId orderId);

    /** The store's open tasks, earliest due first. */
    List<OpenPickTask> openAt(StoreId storeId);

    Creation create(PickTask task, OutboxMessage created);

    /**
     * Stores {@code task} if the stored one is still at {@code expectedVersion}, with {@code event}
     * (null for none) in the same transaction.
     *
     * @return false when another writer changed the task in between: reload and decide again
     */
    boolean save(PickTask task, long expectedVersion, OutboxMessage event);
}
