package dev.asynccommerce.payments.adapter.random;

import dev.asynccommerce.payments.application.Identities;
import java.util.UUID;

/** Event ids from the JDK's random UUIDs (lower-case, as the envelope schema requires). */
public final class RandomIdentities implements Identities {
    @Override
    public String newEventId() {
        return UUID.randomUUID().toString();
    }
}
