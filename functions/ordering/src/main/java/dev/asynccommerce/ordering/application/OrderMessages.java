package dev.asynccommerce.ordering.application;

import dev.asynccommerce.events.EventData;
import dev.asynccommerce.events.EventDetail;
import dev.asynccommerce.events.EventJson;
import dev.asynccommerce.events.EventType;
import dev.asynccommerce.events.Events;
import dev.asynccommerce.events.OrderCancelled;
import dev.asynccommerce.events.OrderCollected;
import dev.asynccommerce.events.OrderConfirmed;
import dev.asynccommerce.events.OrderExpired;
import dev.asynccommerce.events.OrderPaymentFailed;
import dev.asynccommerce.events.OrderPaymentMethodsUpdated;
import dev.asynccommerce.events.OrderPickingStarted;
import dev.asynccommerce.events.OrderPlaced;
import dev.asynccommerce.events.OrderReadyForPickup;
import dev.asynccommerce.events.PricedLine;
import dev.asynccommerce.ordering.domain.OrderEvent;
import dev.asynccommerce.ordering.domain.PaymentMethod;
import java.util.List;

/**
 * Turns the order's domain events into published events (events-schema) and checks each against its
 * schema before it reaches the outbox, so nothing malformed is ever published. The customer's
 * e-mail never leaves the order: no published event carries it.
 */
public final class OrderMessages {
    private final Identities identities;

    public OrderMessages(Identities identities) {
        this.identities = identities;
    }

    /**
     * The outbox message for {@code event}.
     *
     * @param sequence the order's version after the change
     * @throws dev.asynccommerce.events.InvalidEventException when the event does not satisfy its
     *     schema: a programming error, caught before anything is written
     */
    public OutboxMessage of(OrderEvent event, long sequence, CommandContext context) {
        EventData data = toPublished(event);
        String eventId = identities.newEventId();
        EventDetail<EventData> detail = Events.detail(
                data,
                eventId,
                event.occurredAt(),
                context.correlationId(),
                context.causationId(),
                event.orderId().value(),
                sequence);
        EventType type = EventType.of(data);
        // write() validates against the schema and throws rather than produce an invalid event.
        String json = EventJson.write(detail);
        return new OutboxMessage(
                eventId,
                type.source(),
                type.detailType(),
                json,
                event.orderId().value(),
                event.occurredAt(),
                context.traceHeader());
    }

    static EventData toPublished(OrderEvent event) {
        return switch (event) {
            case OrderEvent.Placed p ->
                new OrderPlaced(
                        p.orderId().value(),
                        p.customerId().value(),
                        p.storeId().value(),
                        "PICKUP",
                        p.lines().stream()
                                .map(l -> new PricedLine(
                                        l.sku().value(),
                                        l.quantity(),
                                        l.unitPrice().minorUnits()))
                                .toList(),
                        p.total().minorUnits(),
                        p.total().currencyCode(),
                        methods(p.paymentMethods()));
            case OrderEvent.Confirmed c ->
                new OrderConfirmed(c.orderId().value(), c.storeId().value());
            case OrderEvent.PickingStarted s ->
                new OrderPickingStarted(s.orderId().value(), s.storeId().value());
            case OrderEvent.ReadyForPickup r ->
                new OrderReadyForPickup(
                        r.orderId().value(), r.storeId().value(), r.pickupCode().value());
            case OrderEvent.Collected c ->
                new OrderCollected(c.orderId().value(), c.storeId().value());
            case OrderEvent.Cancelled c ->
                new OrderCancelled(
                        c.orderId().value(),
                        c.storeId().value(),
                        c.reason().name(),
                        c.previousStatus().name());
            case OrderEvent.Expired e ->
                new OrderExpired(
                        e.orderId().value(),
                        e.storeId().value(),
                        e.previousStatus().name());
            case OrderEvent.PaymentFailed f ->
                new OrderPaymentFailed(f.orderId().value(), f.reason());
            case OrderEvent.PaymentMethodsUpdated u ->
                new OrderPaymentMethodsUpdated(u.orderId().value(), methods(u.paymentMethods()), u.attempt());
        };
    }

    private static List<dev.asynccommerce.events.PaymentMethod> methods(List<PaymentMethod> methods) {
        return methods.stream()
                .map(m -> new dev.asynccommerce.events.PaymentMethod(m.type().name(), m.token()))
                .toList();
    }
}
