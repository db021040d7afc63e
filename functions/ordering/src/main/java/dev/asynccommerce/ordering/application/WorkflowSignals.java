package dev.asynccommerce.ordering.application;

import dev.asynccommerce.events.EventData;
import dev.asynccommerce.events.EventDetail;
import dev.asynccommerce.events.EventJson;
import dev.asynccommerce.events.OrderCancelled;
import dev.asynccommerce.events.OrderPaymentMethodsUpdated;
import dev.asynccommerce.kernel.OrderId;
import java.util.Optional;

/**
 * Order events that a waiting workflow must hear about: new payment methods resume the wait of a
 * {@code PAYMENT_FAILED} order as the next payment attempt; a cancel fails that wait with {@code
 * Order.Cancelled}. An order that is not waiting here is left alone: a cancel in another phase
 * reaches the workflow through the context that holds that wait (fulfillment).
 *
 * <p>Idempotent without a record of its own: the token is forgotten once answered, so a
 * redelivered event finds nothing to answer.
 */
public final class WorkflowSignals {
    /** What an event did to a waiting workflow. */
    public enum Effect {
        RESUMED,
        FAILED,
        NOT_WAITING,
        NOT_A_SIGNAL
    }

    private final PaymentWaits waits;
    private final WorkflowCallbacks callbacks;

    public WorkflowSignals(PaymentWaits waits, WorkflowCallbacks callbacks) {
        this.waits = waits;
        this.callbacks = callbacks;
    }

    /**
     * @param eventBridgeEventJson the whole EventBridge event, as a rule delivers it
     * @throws dev.asynccommerce.events.InvalidEventException if it is not a valid commerce event
     */
    public Effect handle(String eventBridgeEventJson) {
        EventDetail<? extends EventData> event = EventJson.readEventBridgeEvent(eventBridgeEventJson);
        return switch (event.data()) {
            case OrderPaymentMethodsUpdated updated ->
                waiting(updated.orderId())
                        .map(token -> {
                            callbacks.resumePayment(
                                    token,
                                    updated.attempt(),
                                    updated.paymentMethods().stream()
                                            .map(m -> new WorkflowCallbacks.Method(m.type(), m.token()))
                                            .toList());
                            waits.forget(new OrderId(updated.orderId()), token);
                            return Effect.RESUMED;
                        })
                        .orElse(Effect.NOT_WAITING);
            case OrderCancelled cancelled ->
                waiting(cancelled.orderId())
                        .map(token -> {
                            callbacks.fail(token, WorkflowCallbacks.ORDER_CANCELLED, cancelled.reason());
                            waits.forget(new OrderId(cancelled.orderId()), token);
                            return Effect.FAILED;
                        })
                        .orElse(Effect.NOT_WAITING);
            default -> Effect.NOT_A_SIGNAL;
        };
    }

    private Optional<String> waiting(String orderId) {
        return OrderId.isValid(orderId) ? waits.find(new OrderId(orderId)) : Optional.empty();
    }
}
