package dev.asynccommerce.localstack.eventbridge;

import java.time.Instant;

/**
 * The only source of time for the local EventBridge: the event {@code time}, archive timestamps and
 * every retry are taken from here, never from the wall clock. The stack backs it with its single
 * virtual clock (so {@code POST /_local/clock/advance} fires due retries); tests use {@link
 * ManualTimers}.
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
