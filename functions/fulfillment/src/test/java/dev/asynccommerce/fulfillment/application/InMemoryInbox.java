package dev.asynccommerce.fulfillment.application;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** The inbox contract in memory. */
public final class InMemoryInbox implements Inbox {
    private final Set<String> claims = new HashSet<>();

    @Override
    public synchronized boolean claim(String consumer, String eventId, Instant at) {
        return claims.add(consumer + "/" + eventId);
    }

    @Override
    public synchronized void release(String consumer, String eventId) {
        claims.remove(consumer + "/" + eventId);
    }

    public synchronized Set<String> claims() {
        return Set.copyOf(claims);
    }
}
