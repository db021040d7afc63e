package dev.asynccommerce.inventory.application;

import dev.asynccommerce.events.EventData;
import dev.asynccommerce.events.EventJson;
import dev.asynccommerce.events.EventType;
import dev.asynccommerce.events.Events;
import dev.asynccommerce.events.InventoryAdjusted;
import dev.asynccommerce.events.InventoryReleased;
import dev.asynccommerce.events.InventoryReservationFailed;
import dev.asynccommerce.events.InventoryReserved;
import dev.asynccommerce.events.Line;
import dev.asynccommerce.events.Shortage;
import dev.asynccommerce.inventory.domain.Reservation;
import dev.asynccommerce.inventory.domain.ReservationId;
import dev.asynccommerce.inventory.domain.StockChange;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Turns inventory changes into published events (events-schema), each checked against its schema
 * before it can reach the outbox.
 *
 * <p>{@code InventoryAdjusted}: aggregate {@code <storeId>#<sku>}, {@code sequence} =
 * {@code skuSequence} = the stock row's version after the change. Reservation events: aggregate =
 * the order, {@code sequence} = {@code 2 × attempt − 1} for reserved or refused and
 * {@code 2 × attempt} for released, so an order's reservation events stay in order across
 * payment attempts.
 */
public final class InventoryMessages {
    private final Supplier<String> eventIds;
    private final Clock clock;

    /**
     * @param eventIds new lower-case UUIDs
     * @param clock when changes happen
     */
    public InventoryMessages(Supplier<String> eventIds, Clock clock) {
        this.eventIds = Objects.requireNonNull(eventIds, "eventIds");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public OutboxMessage adjusted(StockChange change, CommandContext context) {
        var after = change.after();
        String aggregate = after.storeId().value() + "#" + after.sku().value();
        return message(
                new InventoryAdjusted(
                        after.storeId().value(),
                        after.sku().value(),
                        change.delta(),
                        after.onHand(),
                        after.available(),
                        change.reason().name(),
                        change.sequence()),
                aggregate,
                change.sequence(),
                context);
    }

    public OutboxMessage reserved(Reservation reservation, CommandContext context) {
        return message(
                new InventoryReserved(
                        reservation.id().orderId().value(),
                        reservation.storeId().value(),
                        wireId(reservation.id()),
                        lines(reservation)),
                reservation.id().orderId().value(),
                2L * reservation.id().attempt() - 1,
                context);
    }

    public OutboxMessage refused(Reservation reservation, CommandContext context) {
        return message(
                new InventoryReservationFailed(
                        reservation.id().orderId().value(),
                        reservation.storeId().value(),
                        reservation.shortLines().stream()
                                .map(s -> new Shortage(s.sku().value(), s.requested(), s.available()))
                                .toList()),
                reservation.id().orderId().value(),
                2L * reservation.id().attempt() - 1,
                context);
    }

    public OutboxMessage released(Reservation reservation, String reason, CommandContext context) {
        return message(
                new InventoryReleased(
                        reservation.id().orderId().value(),
                        reservation.storeId().value(),
                        wireId(reservation.id()),
                        lines(reservation),
                        reason),
                reservation.id().orderId().value(),
                2L * reservation.id().attempt(),
                context);
    }

    /**
     * The reservation id as events carry it: {@code <orderId>:<attempt>}. The events' reference-id
     * pattern admits no {@code #}, which the workflow's {@code <orderId>#<attempt>} uses.
     */
    public static String wireId(ReservationId id) {
        return id.orderId().value() + ":" + id.attempt();
    }

    private static List<Line> lines(Reservation reservation) {
        return reservation.lines().stream()
                .map(l -> new Line(l.sku().value(), l.quantity()))
                .toList();
    }

    private OutboxMessage message(EventData data, String aggregateId, long sequence, CommandContext context) {
        String eventId = eventIds.get();
        Instant now = clock.instant();
        // write() validates against the schema: an invalid event fails here, before anything is written.
        String json = EventJson.write(Events.detail(
                data, eventId, now, context.correlationId(), context.causationId(), aggregateId, sequence));
        EventType type = EventType.of(data);
        return new OutboxMessage(
                eventId, type.source(), type.detailType(), json, aggregateId, now, context.traceHeader());
    }
}
