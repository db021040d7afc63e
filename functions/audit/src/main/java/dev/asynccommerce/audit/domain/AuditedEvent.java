package dev.asynccommerce.audit.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One domain event as the audit keeps it: its identity and place in its aggregate's history, and
 * its detail as published (the contract's JSON, so a replay or an investigation sees what consumers
 * saw; the trail masks a pickup code before keeping it).
 *
 * @param eventId unique per event; the audit keeps each once
 * @param source the publishing context, e.g. {@code commerce.ordering}
 * @param eventType the event name (the EventBridge detail-type)
 * @param aggregateId the aggregate that changed: the timeline it belongs to
 * @param sequence the aggregate's version after the change
 * @param occurredAt when the change happened
 * @param correlationId the business flow it belongs to
 * @param causationId what caused it
 * @param detailJson the published {@code detail}, JSON
 */
public record AuditedEvent(
        String eventId,
        String source,
        String eventType,
        String aggregateId,
        long sequence,
        Instant occurredAt,
        String correlationId,
        String causationId,
        String detailJson) {

    public AuditedEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(causationId, "causationId");
        Objects.requireNonNull(detailJson, "detailJson");
    }
}
