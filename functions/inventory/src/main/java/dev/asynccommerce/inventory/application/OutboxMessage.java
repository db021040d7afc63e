package dev.asynccommerce.inventory.application;

import dev.asynccommerce.kernel.OutboxEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * A published event ready for the outbox, already checked against its schema. A store writes it in
 * the same transaction as the change it describes; the outbox relay publishes it from the table's
 * stream.
 */
public record OutboxMessage(
        String eventId,
        String source,
        String detailType,
        String detailJson,
        String aggregateId,
        Instant occurredAt,
        String traceHeader)
        implements OutboxEvent {

    public OutboxMessage {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(detailType, "detailType");
        Objects.requireNonNull(detailJson, "detailJson");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
