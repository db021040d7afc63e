package dev.asynccommerce.ordering.application;

import dev.asynccommerce.kernel.OrderId;
import java.time.Instant;
import java.util.Optional;

/**
 * The workflow's task token while an order waits in {@code PAYMENT_FAILED} for new payment methods:
 * new methods resume the workflow with it, a cancel fails it.
 */
public interface PaymentWaits {

    /** Keeps {@code taskToken} for {@code order} until {@code expiresAt}, replacing an older one. */
    void remember(OrderId order, String taskToken, Instant expiresAt);

    Optional<String> find(OrderId order);

    /** Forgets the token, if it is still {@code taskToken} (a newer wait keeps its own). */
    void forget(OrderId order, String taskToken);
}
