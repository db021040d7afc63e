package dev.asynccommerce.ordering.application;

import dev.asynccommerce.ordering.domain.CancellationReason;
import java.time.Clock;

/**
 * The customer cancels their order. It is {@code CANCELLED} at once while it has not ended;
 * releasing stock and voiding or refunding the payment follow from {@code OrderCancelled}.
 */
public final class CancelOrder {
    private final OrderChanges changes;
    private final Clock clock;

    public CancelOrder(OrderChanges changes, Clock clock) {
        this.changes = changes;
        this.clock = clock;
    }

    public OrderChanges.Result execute(String orderId, String token, CommandContext context) {
        return changes.applyWithToken(
                orderId, token, order -> order.cancel(CancellationReason.CUSTOMER_REQUESTED, clock.instant()), context);
    }
}
