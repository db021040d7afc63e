package dev.asynccommerce.audit.application;

import dev.asynccommerce.audit.domain.AuditedEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The audit trail in memory, keyed by eventId as the table's key is; it can be made to fail. */
public final class InMemoryAuditTrail implements AuditTrail {
    private final Map<String, AuditedEvent> kept = new LinkedHashMap<>();
    private RuntimeException failure;

    public void failWith(RuntimeException e) {
        this.failure = e;
    }

    @Override
    public synchronized boolean keepOnce(AuditedEvent event) {
        if (failure != null) {
            throw failure;
        }
        return kept.putIfAbsent(event.eventId(), event) == null;
    }

    @Override
    public synchronized List<AuditedEvent> timeline(String aggregateId) {
        List<AuditedEvent> events = new ArrayList<>();
        for (AuditedEvent e : kept.values()) {
            if (e.aggregateId().equals(aggregateId)) {
                events.add(e);
            }
        }
        events.sort(Comparator.comparing(AuditedEvent::occurredAt).thenComparingLong(AuditedEvent::sequence));
        return events;
    }

    public synchronized int size() {
        return kept.size();
    }
}
