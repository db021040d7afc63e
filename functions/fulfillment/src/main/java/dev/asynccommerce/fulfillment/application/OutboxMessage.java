package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.kernel.OutboxEvent;
import java.time.Instant;

/**
 * A published event ready for the outbox: validated against its schema. The store writes it in the
 * same transaction as the change it describes; the outbox relay publishes it from the table's
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
        implements OutboxEvent {}
