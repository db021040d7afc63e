package dev.asynccommerce.audit.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynccommerce.audit.AuditFixtures;
import dev.asynccommerce.audit.domain.AuditedEvent;
import dev.asynccommerce.audit.domain.BusinessMetric;
import org.junit.jupiter.api.Test;

/** Kept once and counted once per eventId, whatever the bus delivers. */
class RecordEventTest {
    private final InMemoryAuditTrail trail = new InMemoryAuditTrail();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final RecordEvent recordEvent = new RecordEvent(trail, metrics);
    private final AuditEvents auditEvents = new AuditEvents();

    private AuditedEvent read(String eventJson) {
        return ((AuditEvents.Read.Valid) auditEvents.read(eventJson)).event();
    }

    @Test
    void aNewEventIsKeptAndCounted() {
        AuditedEvent placed = read(AuditFixtures.event("OrderPlaced"));

        assertThat(recordEvent.execute(placed)).isEqualTo(RecordEvent.Outcome.RECORDED);

        assertThat(trail.timeline(placed.aggregateId())).containsExactly(placed);
        assertThat(metrics.counted()).containsExactly(BusinessMetric.ORDERS_PLACED);
    }

    @Test
    void aRedeliveryOrReplayIsNeitherKeptNorCountedAgain() {
        AuditedEvent authorized = read(AuditFixtures.event("PaymentAuthorized"));
        recordEvent.execute(authorized);

        assertThat(recordEvent.execute(authorized)).isEqualTo(RecordEvent.Outcome.ALREADY_RECORDED);
        assertThat(recordEvent.execute(read(AuditFixtures.event("PaymentAuthorized"))))
                .isEqualTo(RecordEvent.Outcome.ALREADY_RECORDED);

        assertThat(trail.size()).isEqualTo(1);
        assertThat(metrics.counted()).containsExactly(BusinessMetric.PAYMENTS_AUTHORIZED);
    }

    @Test
    void anEventNoDashboardReadsIsKeptButCountsNothing() {
        AuditedEvent notified = read(AuditFixtures.event("CustomerNotified"));

        assertThat(recordEvent.execute(notified)).isEqualTo(RecordEvent.Outcome.RECORDED);

        assertThat(trail.size()).isEqualTo(1);
        assertThat(metrics.counted()).isEmpty();
    }

    @Test
    void aFailedWriteCountsNothingAndItsRetryCountsOnce() {
        AuditedEvent confirmed = read(AuditFixtures.event("OrderConfirmed"));
        trail.failWith(new IllegalStateException("table unavailable"));

        assertThatThrownBy(() -> recordEvent.execute(confirmed)).isInstanceOf(IllegalStateException.class);
        assertThat(metrics.counted()).isEmpty();

        trail.failWith(null);
        assertThat(recordEvent.execute(confirmed)).isEqualTo(RecordEvent.Outcome.RECORDED);
        assertThat(metrics.counted()).containsExactly(BusinessMetric.ORDERS_CONFIRMED);
    }
}
