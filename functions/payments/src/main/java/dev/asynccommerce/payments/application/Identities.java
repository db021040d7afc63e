package dev.asynccommerce.payments.application;

/** New event ids: random in production, predictable in tests. */
public interface Identities {

    /** A new lower-case UUID. */
    String newEventId();
}
