package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.fulfillment.domain.CollectionWait;
import dev.asynccommerce.kernel.OrderId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The collection waits contract in memory, with its version check. */
public final class InMemoryCollectionWaits implements CollectionWaits {
    private final Map<OrderId, CollectionWait> waits = new LinkedHashMap<>();
    private final CancelledOrders cancelled;

    public InMemoryCollectionWaits(CancelledOrders cancelled) {
        this.cancelled = cancelled;
    }

    @Override
    public synchronized Optional<CollectionWait> find(OrderId orderId) {
        return Optional.ofNullable(waits.get(orderId));
    }

    @Override
    public synchronized Creation create(CollectionWait wait) {
        if (cancelled.find(wait.orderId()).isPresent()) {
            return Creation.ORDER_CANCELLED;
        }
        if (waits.containsKey(wait.orderId())) {
            return Creation.ALREADY_EXISTS;
        }
        waits.put(wait.orderId(), wait);
        return Creation.CREATED;
    }

    @Override
    public synchronized boolean save(CollectionWait wait, long expectedVersion) {
        CollectionWait stored = waits.get(wait.orderId());
        if (stored == null || stored.version() != expectedVersion) {
            return false;
        }
        waits.put(wait.orderId(), wait);
        return true;
    }
}
