package dev.asynccommerce.kernel;

import java.time.Instant;

/**
 * What a context hands its outbox: one domain event, serialized, with what the relay needs to publish
 * it. Each context's own {@code OutboxMessage} record is one, so that the platform's outbox item is made
 * from any of them in one place.
 */
public interface OutboxEvent {
    String eventId();

    /** The EventBridge {@code source}, {@code commerce.<context>}. */
    String source();

    /** The EventBridge {@code detail-type}: the event's name. */
    String detailType();

    /** The EventBridge {@code detail}: {@code {"metadata":..,"data":..}}. */
    String detailJson();

    String aggregateId();

    Instant occurredAt();

    /** The X-Ray trace header of the writing invocation, or null. */
    String traceHeader();
}
