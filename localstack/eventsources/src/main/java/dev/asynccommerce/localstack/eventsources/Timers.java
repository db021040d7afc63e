package dev.asynccommerce.localstack.eventsources;

import java.time.Instant;

/**
 * The mappings' only source of time for what waits: batching windows, the backoff between retries
 * of a failed stream batch, and record age. The stack backs it with its virtual clock, so {@code POST
 * /_local/clock/advance} fires due windows and retries; tests use a manual implementation.
 *
 * <p>Polling itself follows the wall clock (new records arrive in real time), and so do SQS
 * visibility timeouts, which belong to the queue engine.
 *
 * <p>Contract: {@link #at(Instant, Runnable)} runs {@code task} once, no earlier than {@code due},
 * never on the caller's thread while the caller holds a lock it needs; tasks are short (they only
 * wake a poller).
 */
public interface Timers {
    /** The current instant of the stack's clock. */
    Instant now();

    /** Runs {@code task} once the clock reaches {@code due}. */
    void at(Instant due, Runnable task);
}
