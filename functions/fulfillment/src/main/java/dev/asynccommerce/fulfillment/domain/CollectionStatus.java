package dev.asynccommerce.fulfillment.domain;

/** Where the wait for the customer stands. */
public enum CollectionStatus {
    AWAITING,
    COLLECTED,
    CANCELLED
}
