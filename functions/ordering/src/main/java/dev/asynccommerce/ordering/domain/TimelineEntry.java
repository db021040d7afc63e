package dev.asynccommerce.ordering.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One step of the order's history as the customer sees it: when, which event, and a short note.
 *
 * @param sourceEventId for a step another context's event told the order about (payment activity),
 *     that event's {@code eventId}: the step's identity, so a redelivered event is recognised and
 *     not noted twice. Null for the order's own transitions, which are idempotent by status.
 */
public record TimelineEntry(Instant at, String event, String detail, String sourceEventId) {
    public TimelineEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(event, "event");
    }

    /** A step of the order's own: one of its transitions. */
    public TimelineEntry(Instant at, String event, String detail) {
        this(at, event, detail, null);
    }
}
