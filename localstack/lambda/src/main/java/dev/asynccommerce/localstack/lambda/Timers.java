package dev.asynccommerce.localstack.lambda;

import java.time.Instant;

/**
 * The local Lambda's only source of time for what waits: retries of failed asynchronous invocations
 * (one and two minutes apart) and of throttled ones. The stack backs it with its virtual clock, so
 * {@code POST /_local/clock/advance} fires due retries; tests use {@link ManualTimers}.
 *
 * <p>A function's own timeout is not on this clock: it bounds real work in a real process, so it runs
 * on the wall clock (and the runtime's {@code Lambda-Runtime-Deadline-Ms} is wall-clock time).
 *
 * <p>Contract: {@link #at(Instant, Runnable)} runs {@code task} once, no earlier than {@code due}.
 */
public interface Timers {
    /** The current instant of the stack's clock. */
    Instant now();

    /** Runs {@code task} once the clock reaches {@code due}. */
    void at(Instant due, Runnable task);
}
