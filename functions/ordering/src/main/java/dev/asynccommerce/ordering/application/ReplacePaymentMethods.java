package dev.asynccommerce.ordering.application;

import dev.asynccommerce.ordering.domain.PaymentMethod;
import java.time.Clock;
import java.util.List;

/**
 * New payment methods for an order whose payment failed: the same order goes back to {@code
 * PENDING_PAYMENT} and payment starts over, without a new checkout.
 */
public final class ReplacePaymentMethods {
    private final OrderChanges changes;
    private final Clock clock;

    public ReplacePaymentMethods(OrderChanges changes, Clock clock) {
        this.changes = changes;
        this.clock = clock;
    }

    public OrderChanges.Result execute(
            String orderId, String token, List<PaymentMethod> methods, CommandContext context) {
        return changes.applyWithToken(
                orderId, token, order -> order.replacePaymentMethods(methods, clock.instant()), context);
    }
}
