package dev.asynccommerce.audit.application;

import dev.asynccommerce.audit.domain.AuditedEvent;
import java.util.List;

/** Where the audit keeps events: once each, readable as one aggregate's timeline. */
public interface AuditTrail {
    /**
     * Keeps the event unless it is already kept.
     *
     * @return true when this call kept it; false when an earlier delivery (a retry, a duplicate, an
     *     archive replay) already had
     */
    boolean keepOnce(AuditedEvent event);

    /** The aggregate's events in the order they happened (by occurredAt, then sequence). */
    List<AuditedEvent> timeline(String aggregateId);
}
