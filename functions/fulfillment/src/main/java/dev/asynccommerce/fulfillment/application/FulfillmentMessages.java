package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.events.EventData;
import dev.asynccommerce.events.EventDetail;
import dev.asynccommerce.events.EventJson;
import dev.asynccommerce.events.EventType;
import dev.asynccommerce.events.Events;
import dev.asynccommerce.events.Line;
import dev.asynccommerce.events.OrderPicked;
import dev.asynccommerce.events.OrderShortPicked;
import dev.asynccommerce.events.PickTaskCreated;
import dev.asynccommerce.fulfillment.domain.PickLine;
import dev.asynccommerce.fulfillment.domain.PickOutcome;
import dev.asynccommerce.fulfillment.domain.PickTask;
import java.time.Instant;
import java.util.List;

/**
 * Turns pick task changes into published events (events-schema), each checked against its schema
 * before it reaches the outbox. The aggregate is the order; a task publishes at most two events, so
 * their sequence is fixed: {@code PickTaskCreated} 1, then {@code OrderPicked} or {@code
 * OrderShortPicked} 2.
 */
public final class FulfillmentMessages {
    static final long CREATED_SEQUENCE = 1;
    static final long RESULT_SEQUENCE = 2;

    private final EventIds ids;

    public FulfillmentMessages(EventIds ids) {
        this.ids = ids;
    }

    public OutboxMessage pickTaskCreated(PickTask task, CommandContext context) {
        return message(
                new PickTaskCreated(
                        task.orderId().value(),
                        task.storeId().value(),
                        lines(task.lines()),
                        task.createdAt(),
                        task.dueAt()),
                task,
                task.createdAt(),
                CREATED_SEQUENCE,
                context);
    }

    /** {@code OrderPicked} or {@code OrderShortPicked} for a task the store has just reported. */
    public OutboxMessage pickReported(PickTask task, CommandContext context) {
        PickOutcome outcome = task.outcome().orElseThrow(() -> new IllegalArgumentException("the task has no result"));
        EventData data = switch (outcome) {
            case PICKED ->
                new OrderPicked(task.orderId().value(), task.storeId().value(), lines(task.picked()));
            case SHORT_PICKED ->
                new OrderShortPicked(
                        task.orderId().value(), task.storeId().value(), lines(task.lines()), lines(task.picked()));
        };
        return message(data, task, task.closedAt(), RESULT_SEQUENCE, context);
    }

    /**
     * @throws dev.asynccommerce.events.InvalidEventException when the event breaks its schema: a
     *     programming error, caught before anything is written
     */
    private OutboxMessage message(
            EventData data, PickTask task, Instant occurredAt, long sequence, CommandContext context) {
        String eventId = ids.newEventId();
        EventDetail<EventData> detail = Events.detail(
                data,
                eventId,
                occurredAt,
                task.correlationId(),
                context.causationId(),
                task.orderId().value(),
                sequence);
        EventType type = EventType.of(data);
        return new OutboxMessage(
                eventId,
                type.source(),
                type.detailType(),
                EventJson.write(detail),
                task.orderId().value(),
                occurredAt,
                context.traceHeader());
    }

    private static List<Line> lines(List<PickLine> lines) {
        return lines.stream().map(l -> new Line(l.sku().value(), l.quantity())).toList();
    }
}
