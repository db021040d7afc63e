package dev.asynccommerce.notifications.application;

import dev.asynccommerce.events.EventData;
import dev.asynccommerce.events.EventDetail;
import dev.asynccommerce.events.EventJson;
import dev.asynccommerce.events.InvalidEventException;
import dev.asynccommerce.events.OrderCancelled;
import dev.asynccommerce.events.OrderConfirmed;
import dev.asynccommerce.events.OrderExpired;
import dev.asynccommerce.events.OrderPaymentFailed;
import dev.asynccommerce.events.OrderReadyForPickup;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.notifications.domain.CancellationReason;
import dev.asynccommerce.notifications.domain.Occasion;
import dev.asynccommerce.notifications.domain.PickupCode;
import java.util.List;
import java.util.Objects;

/**
 * Reads an EventBridge event into the occasion it tells the customer about. The whole event is
 * checked against the published schemas first (events-schema), so a malformed or foreign event
 * never reaches a customer.
 */
public final class OrderEvents {
    /** Only an order that expired while waiting for a new payment method expired for that reason. */
    private static final String PAYMENT_FAILED_STATUS = "PAYMENT_FAILED";

    public sealed interface Read {
        /** An event the customer is told about, and what makes its notification unique. */
        record Notify(Occasion occasion, Trigger trigger) implements Read {}

        /** A valid commerce event that no customer notification follows. */
        record NotOurs(String detailType) implements Read {}

        /** Breaks the contract: permanent, the same input fails the same way. Problems are safe to log. */
        record Invalid(List<String> problems) implements Read {
            public Invalid {
                problems = List.copyOf(problems);
            }
        }
    }

    /**
     * @param eventJson the whole EventBridge event as the target receives it
     * @param traceHeader this invocation's X-Ray trace header, or null
     */
    public Read read(String eventJson, String traceHeader) {
        EventDetail<? extends EventData> event;
        try {
            event = EventJson.readEventBridgeEvent(Objects.requireNonNullElse(eventJson, ""));
        } catch (InvalidEventException e) {
            return new Read.Invalid(e.problems());
        }
        Trigger trigger =
                Trigger.orderEvent(event.metadata().eventId(), event.metadata().correlationId(), traceHeader);
        return switch (event.data()) {
            case OrderConfirmed c ->
                new Read.Notify(new Occasion.OrderConfirmed(order(c.orderId()), store(c.storeId())), trigger);
            case OrderReadyForPickup r ->
                new Read.Notify(
                        new Occasion.ReadyForPickup(
                                order(r.orderId()), store(r.storeId()), new PickupCode(r.pickupCode())),
                        trigger);
            case OrderExpired e ->
                new Read.Notify(
                        new Occasion.Expired(
                                order(e.orderId()),
                                store(e.storeId()),
                                PAYMENT_FAILED_STATUS.equals(e.previousStatus())),
                        trigger);
            case OrderCancelled c ->
                new Read.Notify(
                        new Occasion.Cancelled(
                                order(c.orderId()), store(c.storeId()), CancellationReason.fromEventName(c.reason())),
                        trigger);
            case OrderPaymentFailed f -> new Read.Notify(new Occasion.PaymentFailed(order(f.orderId())), trigger);
            default -> new Read.NotOurs(event.metadata().eventType());
        };
    }

    private static OrderId order(String value) {
        return new OrderId(value);
    }

    private static StoreId store(String value) {
        return new StoreId(value);
    }
}
