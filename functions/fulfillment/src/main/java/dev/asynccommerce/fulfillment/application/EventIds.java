package dev.asynccommerce.fulfillment.application;

/** New event ids: random lower-case UUIDs in production, predictable in tests. */
public interface EventIds {
    String newEventId();
}
