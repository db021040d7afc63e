package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.fulfillment.domain.TaskToken;
import dev.asynccommerce.kernel.OrderId;

/** Fails a waiting workflow step of a cancelled order with {@code Order.Cancelled} and its reason. */
final class Cancellations {
    private final CancelledOrders cancelled;
    private final WorkflowCallbacks callbacks;

    Cancellations(CancelledOrders cancelled, WorkflowCallbacks callbacks) {
        this.cancelled = cancelled;
        this.callbacks = callbacks;
    }

    WorkflowCallbacks.Delivery failStep(OrderId orderId, TaskToken token) {
        String reason = cancelled
                .find(orderId)
                .map(CancelledOrders.Cancellation::reason)
                .orElse("CANCELLED");
        return callbacks.fail(token, WorkflowCallbacks.ORDER_CANCELLED, reason);
    }
}
