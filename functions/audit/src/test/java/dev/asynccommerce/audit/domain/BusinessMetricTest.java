package dev.asynccommerce.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each event counts for the dashboard, named as the CDK dashboard reads the metrics. */
class BusinessMetricTest {
    @ParameterizedTest
    @CsvSource({
        "OrderPlaced, OrdersPlaced",
        "OrderConfirmed, OrdersConfirmed",
        "OrderReadyForPickup, OrdersReadyForPickup",
        "OrderCollected, OrdersCollected",
        "OrderExpired, OrdersExpired",
        "OrderCancelled, OrdersCancelled",
        "OrderPaymentFailed, OrdersPaymentFailed",
        "PaymentAuthorized, PaymentsAuthorized",
        "PaymentDeclined, PaymentsDeclined",
        "PaymentFailed, PaymentsFailed",
    })
    void eachFunnelStepAndPaymentOutcomeCountsOneMetric(String eventType, String metric) {
        assertThat(BusinessMetric.countedFor(eventType))
                .extracting(BusinessMetric::metricName)
                .containsExactly(metric);
    }

    @Test
    void eventsNoDashboardReadsCountNothing() {
        assertThat(BusinessMetric.countedFor("PickTaskCreated")).isEmpty();
        assertThat(BusinessMetric.countedFor("CustomerNotified")).isEmpty();
        assertThat(BusinessMetric.countedFor("NoSuchEvent")).isEmpty();
    }
}
