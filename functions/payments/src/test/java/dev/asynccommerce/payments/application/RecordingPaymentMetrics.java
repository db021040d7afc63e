package dev.asynccommerce.payments.application;

import dev.asynccommerce.kernel.OrderId;
import java.util.ArrayList;
import java.util.List;

/** Keeps the orders whose fallbacks were counted, in order. */
public final class RecordingPaymentMetrics implements PaymentMetrics {
    public final List<OrderId> fallbacks = new ArrayList<>();

    @Override
    public synchronized void fallbackAuthorized(OrderId orderId, String correlationId) {
        fallbacks.add(orderId);
    }
}
