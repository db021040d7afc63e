package dev.asynccommerce.audit.domain;

import java.util.Arrays;
import java.util.List;

/**
 * The business counts the domain dashboard reads, each counted once per event that means it: the
 * order funnel (placed → confirmed → ready → collected), its compensated ends, and payment
 * outcomes. Payment fallbacks are counted where the fallback is known, in the payments context.
 */
public enum BusinessMetric {
    ORDERS_PLACED("OrdersPlaced", "OrderPlaced"),
    ORDERS_CONFIRMED("OrdersConfirmed", "OrderConfirmed"),
    ORDERS_READY_FOR_PICKUP("OrdersReadyForPickup", "OrderReadyForPickup"),
    ORDERS_COLLECTED("OrdersCollected", "OrderCollected"),
    ORDERS_EXPIRED("OrdersExpired", "OrderExpired"),
    ORDERS_CANCELLED("OrdersCancelled", "OrderCancelled"),
    ORDERS_PAYMENT_FAILED("OrdersPaymentFailed", "OrderPaymentFailed"),
    ORDERS_SHORT_PICKED("OrdersShortPicked", "OrderShortPicked"),
    PAYMENTS_AUTHORIZED("PaymentsAuthorized", "PaymentAuthorized"),
    PAYMENTS_DECLINED("PaymentsDeclined", "PaymentDeclined"),
    PAYMENTS_FAILED("PaymentsFailed", "PaymentFailed"),
    RESERVATIONS_FAILED("InventoryReservationsFailed", "InventoryReservationFailed");

    private final String metricName;
    private final String eventType;

    BusinessMetric(String metricName, String eventType) {
        this.metricName = metricName;
        this.eventType = eventType;
    }

    /** The CloudWatch metric name (namespace from the environment, no dimensions). */
    public String metricName() {
        return metricName;
    }

    /** What one event of this type counts: nothing for events no dashboard reads. */
    public static List<BusinessMetric> countedFor(String eventType) {
        return Arrays.stream(values())
                .filter(m -> m.eventType.equals(eventType))
                .toList();
    }
}
