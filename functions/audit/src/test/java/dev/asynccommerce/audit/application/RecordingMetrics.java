package dev.asynccommerce.audit.application;

import dev.asynccommerce.audit.domain.AuditedEvent;
import dev.asynccommerce.audit.domain.BusinessMetric;
import java.util.ArrayList;
import java.util.List;

/** Keeps the counts published, in order. */
public final class RecordingMetrics implements MetricsPublisher {
    private final List<BusinessMetric> counted = new ArrayList<>();

    @Override
    public synchronized void count(List<BusinessMetric> metrics, AuditedEvent because) {
        counted.addAll(metrics);
    }

    public synchronized List<BusinessMetric> counted() {
        return List.copyOf(counted);
    }
}
