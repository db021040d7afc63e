package dev.asynccommerce.ordering.domain;

import java.time.Instant;
import java.util.Objects;

/** One step of the order's history as the customer sees it: when, which event, and a short note. */
public record TimelineEntry(Instant at, String event, String detail) {
    public TimelineEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(event, "event");
    }
}
