package dev.asynccommerce.ordering.application;

import dev.asynccommerce.kernel.OrderId;

/** New identifiers and secrets: random in production, predictable in tests. */
public interface Identities {

    OrderId newOrderId();

    String newEventId();

    /** A bearer token that lets its holder read and change one order; unguessable. */
    String newOrderToken();
}
