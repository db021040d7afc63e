package dev.asynccommerce.ordering.application;

import dev.asynccommerce.kernel.OrderId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

public final class InMemoryPaymentWaits implements PaymentWaits {
    private final Map<OrderId, String> tokens = new HashMap<>();
    private final Map<OrderId, Instant> expiries = new HashMap<>();

    @Override
    public synchronized void remember(OrderId order, String taskToken, Instant expiresAt) {
        tokens.put(order, taskToken);
        expiries.put(order, expiresAt);
    }

    @Override
    public synchronized Optional<String> find(OrderId order) {
        return Optional.ofNullable(tokens.get(order));
    }

    @Override
    public synchronized void forget(OrderId order, String taskToken) {
        if (taskToken.equals(tokens.get(order))) {
            tokens.remove(order);
            expiries.remove(order);
        }
    }

    public synchronized Optional<Instant> expiryOf(OrderId order) {
        return Optional.ofNullable(expiries.get(order));
    }
}
