package dev.asynccommerce.fulfillment.domain;

/** What the store reported for a pick task; the workflow branches on it. */
public enum PickOutcome {
    /** Every line in full. */
    PICKED,
    /** At least one line with less than was ordered (policy: the order is cancelled). */
    SHORT_PICKED
}
