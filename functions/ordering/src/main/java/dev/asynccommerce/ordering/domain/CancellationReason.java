package dev.asynccommerce.ordering.domain;

/** Why an order was cancelled; the customer is told in these terms. */
public enum CancellationReason {
    CUSTOMER_REQUESTED,
    SHORT_PICK,
    OUT_OF_STOCK,
    STORE_UNAVAILABLE,
    PAYMENT_FAILED,
    OPERATOR
}
