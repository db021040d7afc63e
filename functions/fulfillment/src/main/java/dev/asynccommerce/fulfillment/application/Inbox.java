package dev.asynccommerce.fulfillment.application;

import java.time.Instant;

/**
 * Which events a consumer has taken on, by event id, for consumers whose work is no state change
 * that could tell a repeat by itself (pushes to devices).
 *
 * <p>Guarantees: of concurrent or repeated claims of one event by one consumer exactly one
 * succeeds, in a single conditional write (no check-then-write); claims are kept long enough to
 * outlast EventBridge's retries and a relay replay. Failure behaviour: storage failures are
 * exceptions.
 */
public interface Inbox {

    /** Claims the event for the consumer: true the first time, false for a repeat. */
    boolean claim(String consumer, String eventId, Instant at);

    /** Gives a claim up after the work failed, so that the retry does it. */
    void release(String consumer, String eventId);
}
