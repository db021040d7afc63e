package dev.asynccommerce.audit.adapter.emf;

import dev.asynccommerce.audit.application.MetricsPublisher;
import dev.asynccommerce.audit.domain.AuditedEvent;
import dev.asynccommerce.audit.domain.BusinessMetric;
import dev.asynccommerce.platform.metrics.EmfMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Business counts as embedded-metric-format log lines, with the event's ids as properties (for
 * Logs Insights) — ids only, never the detail, which can name a customer.
 */
public final class EmfMetricsPublisher implements MetricsPublisher {
    private final EmfMetrics emf;

    public EmfMetricsPublisher(EmfMetrics emf) {
        this.emf = emf;
    }

    @Override
    public void count(List<BusinessMetric> metrics, AuditedEvent because) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("eventType", because.eventType());
        properties.put("eventId", because.eventId());
        properties.put("aggregateId", because.aggregateId());
        properties.put("correlationId", because.correlationId());
        emf.count(metrics.stream().map(BusinessMetric::metricName).toList(), properties);
    }
}
