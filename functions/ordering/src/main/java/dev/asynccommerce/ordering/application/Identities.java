package dev.asynccommerce.ordering.application;

import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.ordering.domain.PickupCode;

/** New identifiers and secrets: random in production, predictable in tests. */
public interface Identities {

    OrderId newOrderId();

    String newEventId();

    /** A bearer token that lets its holder read and change one order; unguessable. */
    String newOrderToken();

    /** The code a customer shows at the store; guessing it must be as hard as six digits allow. */
    PickupCode newPickupCode();
}
