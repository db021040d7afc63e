package dev.asynccommerce.fulfillment.adapter.random;

import dev.asynccommerce.fulfillment.application.EventIds;
import java.util.UUID;

/** Event ids as random (version 4) UUIDs, lower case as the envelope schema requires. */
public final class RandomEventIds implements EventIds {
    @Override
    public String newEventId() {
        return UUID.randomUUID().toString();
    }
}
