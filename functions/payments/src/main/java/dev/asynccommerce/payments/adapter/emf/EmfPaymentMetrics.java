package dev.asynccommerce.payments.adapter.emf;

import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.payments.application.PaymentMetrics;
import dev.asynccommerce.platform.metrics.EmfMetrics;
import java.util.List;
import java.util.Map;

/** Payment counts as embedded-metric-format log lines; ids as properties, never payment data. */
public final class EmfPaymentMetrics implements PaymentMetrics {
    /** The name the domain dashboard's fallback-rate graph reads. */
    public static final String PAYMENT_FALLBACKS = "PaymentFallbacks";

    private final EmfMetrics emf;

    public EmfPaymentMetrics(EmfMetrics emf) {
        this.emf = emf;
    }

    @Override
    public void fallbackAuthorized(OrderId orderId, String correlationId) {
        emf.count(List.of(PAYMENT_FALLBACKS), Map.of("orderId", orderId.value(), "correlationId", correlationId));
    }
}
