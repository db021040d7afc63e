package dev.asynccommerce.ordering.application;

import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.ordering.domain.OrderStatus;
import java.time.Clock;
import java.time.Duration;

/**
 * No payment method could be authorized: the order goes {@code PAYMENT_FAILED} and the workflow
 * waits (its task token kept) for the customer's new methods, until the retry window ends.
 *
 * <p>The token is kept before the order changes: a customer can only send new methods once the order
 * says {@code PAYMENT_FAILED}, so by then the token is there to resume. If the order refuses (the
 * customer cancelled meanwhile), nothing will ever resume the wait, so the task is failed at once.
 */
public final class FailPayment {
    private final OrderChanges changes;
    private final PaymentWaits waits;
    private final WorkflowCallbacks callbacks;
    private final Duration retryWindow;
    private final Clock clock;

    public FailPayment(
            OrderChanges changes, PaymentWaits waits, WorkflowCallbacks callbacks, Duration retryWindow, Clock clock) {
        this.changes = changes;
        this.waits = waits;
        this.callbacks = callbacks;
        this.retryWindow = retryWindow;
        this.clock = clock;
    }

    public AdvanceOrder.Outcome execute(String orderId, String reason, String taskToken, CommandContext context) {
        if (!OrderId.isValid(orderId)) {
            throw new AdvanceOrder.UnknownOrderException();
        }
        // Kept a day past the window: the wait itself ends with the window; TTL only tidies up.
        waits.remember(
                new OrderId(orderId),
                taskToken,
                clock.instant().plus(retryWindow).plus(Duration.ofDays(1)));
        AdvanceOrder.Outcome outcome = AdvanceOrder.outcome(
                changes.apply(orderId, order -> true, order -> order.failPayment(reason, clock.instant()), context));
        if (!outcome.applied()) {
            waits.forget(new OrderId(orderId), taskToken);
            String error = outcome.status() == OrderStatus.CANCELLED
                    ? WorkflowCallbacks.ORDER_CANCELLED
                    : "Order.TransitionRefused";
            callbacks.fail(taskToken, error, "the order is " + outcome.status());
        }
        return outcome;
    }
}
