package dev.asynccommerce.audit.application;

import dev.asynccommerce.audit.domain.AuditedEvent;
import dev.asynccommerce.audit.domain.BusinessMetric;
import java.util.List;

/** Publishes business counts; in Lambda, embedded-metric-format log lines. */
public interface MetricsPublisher {
    /** Counts each metric once for this event; nothing happens for an empty list. */
    void count(List<BusinessMetric> metrics, AuditedEvent because);
}
