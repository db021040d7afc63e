package dev.asynccommerce.fulfillment.application;

import java.util.List;

/** What an event consumer did with one EventBridge event. */
public sealed interface EventOutcome {
    /** Handled now; {@code summary} is for the log line. */
    record Handled(String summary) implements EventOutcome {}

    /** Handled before (same event id): nothing done again. */
    record Duplicate(String eventId) implements EventOutcome {}

    /** Not an event this consumer acts on. */
    record Ignored(String detailType) implements EventOutcome {}

    /** Broke its schema: permanent, the same input fails the same way. */
    record Invalid(List<String> problems) implements EventOutcome {
        public Invalid {
            problems = List.copyOf(problems);
        }
    }
}
