package dev.asynccommerce.localstack.spi;

import java.time.Instant;

/**
 * The only source of time for the local stack's services: event times, retries, batching windows,
 * backoff. The stack backs it with its one {@code VirtualClock} (so {@code POST /_local/clock/advance}
 * fires what is due); tests use {@link ManualTimers}. Never the wall clock, never a sleep.
 *
 * <p>Contract: {@link #at(Instant, Runnable)} runs {@code task} once, no earlier than {@code due}, and
 * while it runs {@link #now()} is at least {@code due}. Tasks may schedule further tasks.
 */
public interface Timers {
    /** The current instant of the stack's clock. */
    Instant now();

    /** Runs {@code task} once the clock reaches {@code due} (at once, on the next firing, if already due). */
    void at(Instant due, Runnable task);
}
