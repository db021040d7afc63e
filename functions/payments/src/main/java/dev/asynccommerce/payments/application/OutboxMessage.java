package dev.asynccommerce.payments.application;

import dev.asynccommerce.kernel.OutboxEvent;
import java.time.Instant;

/**
 * A published event ready for the outbox, validated against its schema. The ledger store writes it
 * in the same transaction as the ledger entry it describes.
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
