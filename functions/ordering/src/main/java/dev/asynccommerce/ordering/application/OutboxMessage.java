package dev.asynccommerce.ordering.application;

import dev.asynccommerce.kernel.OutboxEvent;
import java.time.Instant;

/**
 * A published event ready for the outbox: validated against its schema, with nothing personal in
 * it. The repository writes it in the same transaction as the order change it describes.
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
