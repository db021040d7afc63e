package dev.asynccommerce.inventory.domain;

/** Where a reservation stands. Only {@link #RESERVED} holds stock. */
public enum ReservationStatus {
    /** Every line is held at the store. */
    RESERVED,
    /** The store could not supply every line; nothing was held. A repeat answers the same refusal. */
    REFUSED,
    /** The held stock was given back. */
    RELEASED,
    /** The customer took the goods: the held stock left the store. */
    COMMITTED
}
