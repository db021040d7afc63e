package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.kernel.OrderId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The cancelled-orders contract in memory: the first record wins. */
public final class InMemoryCancelledOrders implements CancelledOrders {
    private final Map<OrderId, Cancellation> cancelled = new LinkedHashMap<>();

    @Override
    public synchronized void record(Cancellation cancellation) {
        cancelled.putIfAbsent(cancellation.orderId(), cancellation);
    }

    @Override
    public synchronized Optional<Cancellation> find(OrderId orderId) {
        return Optional.ofNullable(cancelled.get(orderId));
    }
}
