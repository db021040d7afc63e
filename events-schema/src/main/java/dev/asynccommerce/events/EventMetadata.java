package dev.asynccommerce.events;

import java.time.Instant;
import java.util.Objects;

/**
 * The {@code metadata} of every event (schema: {@code envelope.schema.json#/$defs/metadata}).
 *
 * @param eventId a lower-case UUID, unique per event; consumers are idempotent on it
 * @param eventType the event name, equal to the EventBridge detail-type
 * @param schemaVersion the major version of the event's schema
 * @param occurredAt when the change happened
 * @param correlationId shared by every event of one business flow
 * @param causationId the id of the event or request that caused this event
 * @param aggregateId the aggregate that changed
 * @param sequence the aggregate's version after the change, from 1
 */
public record EventMetadata(
        String eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String correlationId,
        String causationId,
        String aggregateId,
        long sequence) {

    public EventMetadata {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(causationId, "causationId");
        Objects.requireNonNull(aggregateId, "aggregateId");
    }
}
