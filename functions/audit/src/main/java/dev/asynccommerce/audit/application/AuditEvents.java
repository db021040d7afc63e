package dev.asynccommerce.audit.application;

import dev.asynccommerce.audit.domain.AuditedEvent;
import dev.asynccommerce.events.EventData;
import dev.asynccommerce.events.EventDetail;
import dev.asynccommerce.events.EventJson;
import dev.asynccommerce.events.EventMetadata;
import dev.asynccommerce.events.InvalidEventException;
import java.util.List;
import java.util.Objects;

/**
 * Reads an EventBridge event into what the audit keeps. The whole event is checked against the
 * published schemas first (events-schema): the audit is a record of the contract, so it keeps
 * nothing that breaks it.
 */
public final class AuditEvents {

    public sealed interface Read {
        record Valid(AuditedEvent event) implements Read {}

        /** Breaks the contract: permanent, the same input fails the same way. Problems are safe to log. */
        record Invalid(List<String> problems) implements Read {
            public Invalid {
                problems = List.copyOf(problems);
            }
        }
    }

    /** @param eventJson the whole EventBridge event as the rule's target receives it */
    public Read read(String eventJson) {
        EventDetail<? extends EventData> detail;
        try {
            detail = EventJson.readEventBridgeEvent(Objects.requireNonNullElse(eventJson, ""));
        } catch (InvalidEventException e) {
            return new Read.Invalid(e.problems());
        }
        EventMetadata m = detail.metadata();
        return new Read.Valid(new AuditedEvent(
                m.eventId(),
                detail.type().source(),
                m.eventType(),
                m.aggregateId(),
                m.sequence(),
                m.occurredAt(),
                m.correlationId(),
                m.causationId(),
                EventJson.write(detail)));
    }
}
