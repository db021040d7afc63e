package dev.asynccommerce.payments.application;

import dev.asynccommerce.events.EventData;
import dev.asynccommerce.events.EventDetail;
import dev.asynccommerce.events.EventJson;
import dev.asynccommerce.events.EventType;
import dev.asynccommerce.events.Events;
import dev.asynccommerce.events.PaymentAuthorized;
import dev.asynccommerce.events.PaymentCaptured;
import dev.asynccommerce.events.PaymentDeclined;
import dev.asynccommerce.events.PaymentFailed;
import dev.asynccommerce.events.PaymentRefunded;
import dev.asynccommerce.events.PaymentVoided;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.payments.domain.LedgerEntry;

/**
 * Turns ledger entries into published events (events-schema, source {@code commerce.payments}),
 * checked against their schemas before they reach the outbox. The aggregate is the order's payment:
 * {@code aggregateId} is the order id and {@code sequence} the entry's place in the ledger. No
 * payment token is in any entry, so none can reach an event.
 */
public final class PaymentMessages {
    private final Identities identities;

    public PaymentMessages(Identities identities) {
        this.identities = identities;
    }

    /**
     * @throws dev.asynccommerce.events.InvalidEventException when the event breaks its schema: a
     *     programming error, caught before anything is written
     */
    public OutboxMessage of(OrderId orderId, LedgerEntry entry, CommandContext context) {
        EventData data = toPublished(orderId, entry);
        String eventId = identities.newEventId();
        EventDetail<EventData> detail = Events.detail(
                data,
                eventId,
                entry.at(),
                context.correlationId(),
                context.causationId(),
                orderId.value(),
                entry.sequence());
        EventType type = EventType.of(data);
        return new OutboxMessage(
                eventId,
                type.source(),
                type.detailType(),
                EventJson.write(detail),
                orderId.value(),
                entry.at(),
                context.traceHeader());
    }

    static EventData toPublished(OrderId orderId, LedgerEntry entry) {
        String order = orderId.value();
        return switch (entry) {
            case LedgerEntry.Authorized a ->
                new PaymentAuthorized(
                        order,
                        a.paymentId().value(),
                        a.amount().minorUnits(),
                        a.amount().currencyCode(),
                        a.methodType().name(),
                        a.attempt());
            case LedgerEntry.Declined d ->
                new PaymentDeclined(
                        order,
                        d.amount().minorUnits(),
                        d.amount().currencyCode(),
                        d.methodType().name(),
                        d.declineKind().name(),
                        d.reasonCode(),
                        d.attempt());
            case LedgerEntry.Failed f ->
                new PaymentFailed(order, f.amount().minorUnits(), f.amount().currencyCode(), f.reason(), f.attempt());
            case LedgerEntry.Captured c ->
                new PaymentCaptured(
                        order,
                        c.paymentId().value(),
                        c.amount().minorUnits(),
                        c.amount().currencyCode());
            case LedgerEntry.Voided v ->
                new PaymentVoided(
                        order,
                        v.paymentId().value(),
                        v.amount().minorUnits(),
                        v.amount().currencyCode());
            case LedgerEntry.Refunded r ->
                new PaymentRefunded(
                        order,
                        r.paymentId().value(),
                        r.refundId(),
                        r.amount().minorUnits(),
                        r.amount().currencyCode(),
                        r.reason());
        };
    }
}
