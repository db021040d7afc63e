package dev.asynccommerce.audit.application;

import dev.asynccommerce.audit.domain.AuditedEvent;
import dev.asynccommerce.audit.domain.BusinessMetric;

/**
 * Keeps an event in the audit trail and counts what it means for the business, exactly once per
 * eventId: a redelivery, a duplicate or an archive replay is kept no second time and counted no
 * second time. The count follows the write, so a failed write counts nothing and its retry counts
 * once; a crash between the two loses one count, never doubles it.
 */
public final class RecordEvent {
    /** What happened to the event. */
    public enum Outcome {
        RECORDED,
        ALREADY_RECORDED
    }

    private final AuditTrail trail;
    private final MetricsPublisher metrics;

    public RecordEvent(AuditTrail trail, MetricsPublisher metrics) {
        this.trail = trail;
        this.metrics = metrics;
    }

    public Outcome execute(AuditedEvent event) {
        if (!trail.keepOnce(event)) {
            return Outcome.ALREADY_RECORDED;
        }
        metrics.count(BusinessMetric.countedFor(event.eventType()), event);
        return Outcome.RECORDED;
    }
}
