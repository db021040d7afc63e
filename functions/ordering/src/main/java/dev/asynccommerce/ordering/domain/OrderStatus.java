package dev.asynccommerce.ordering.domain;

/**
 * Where an order stands. {@code PENDING_PAYMENT → CONFIRMED → PICKING → READY_FOR_PICKUP →
 * COLLECTED} is the happy path; {@code PAYMENT_FAILED} is parked (new payment methods resume it);
 * {@code CANCELLED} and {@code EXPIRED} are compensated ends.
 */
public enum OrderStatus {
    PENDING_PAYMENT,
    CONFIRMED,
    PICKING,
    READY_FOR_PICKUP,
    COLLECTED,
    PAYMENT_FAILED,
    CANCELLED,
    EXPIRED;

    /** No transition leaves an ended order. */
    public boolean hasEnded() {
        return this == COLLECTED || this == CANCELLED || this == EXPIRED;
    }
}
