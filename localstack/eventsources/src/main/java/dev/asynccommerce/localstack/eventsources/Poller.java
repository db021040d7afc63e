package dev.asynccommerce.localstack.eventsources;

import dev.asynccommerce.localstack.spi.Monitors;
import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * What the two pollers share: one polling thread, the bookkeeping behind {@link
 * EventSourceMappings#awaitIdle(Duration)}, and timers that never run poller logic on the clock's
 * thread — a timer only queues a signal for the polling thread and marks the poller busy before it
 * returns, so a clock that waits for idleness after firing it sees the work it caused.
 *
 * <p>Busy means: the last poll found records that are not yet handled, or an invocation is in
 * flight, or a timer has fired and its signal is not yet handled. A poller waiting on a timer (a
 * batching window, a retry backoff) or on new records is idle.
 */
abstract class Poller {
    private static final Logger LOG = LogManager.getLogger(Poller.class);
    private static final Duration LAUNCH_WAIT = Duration.ofSeconds(10);

    protected final String id;
    protected final MappingDefinition definition;
    protected final Settings settings;
    protected final RecordFilter filter;

    private final Object lock = new Object();
    private final Queue<Runnable> signals = new ConcurrentLinkedQueue<>();
    private boolean active; // guarded by lock
    private int inFlight; // guarded by lock
    private volatile boolean running;
    private volatile Thread thread;
    private String lastFailure; // polling thread only

    Poller(String id, MappingDefinition definition, Settings settings) {
        this.id = id;
        this.definition = definition;
        this.settings = settings;
        this.filter = RecordFilter.of(definition.filterPatterns());
    }

    /** Checks the source and takes the starting position, on the caller's thread; then polls in the background. */
    final void start() {
        prepare();
        launch();
    }

    /**
     * Polls in the background from where {@link #prepare()} or the last {@link #stop(Duration, boolean)
     * stop} left off. Only after {@code prepare()} and while not polling.
     */
    final void launch() {
        Thread previous = thread;
        if (previous != null && previous.isAlive()) {
            // A stop that gave up waiting: two threads must never work on one poller's positions.
            try {
                if (!previous.join(LAUNCH_WAIT)) {
                    throw new IllegalStateException(
                            sourceDescription() + ": the previous polling thread is still running");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(sourceDescription() + ": interrupted while relaunching", e);
            }
        }
        running = true;
        active = true;
        thread = Thread.ofVirtual().name("esm-" + id).start(this::loop);
    }

    /** Stops polling and waits up to {@code limit} for work in flight to finish. */
    final void stop(Duration limit) {
        stop(limit, false);
    }

    /**
     * Stops polling and waits up to {@code limit} for work in flight to finish and, with {@code join},
     * for the polling thread to end too, so that what the poller holds (its positions) no longer
     * changes and it can be {@link #launch() launched} again. Answers whether the thread ended (always
     * true without {@code join}).
     */
    final boolean stop(Duration limit, boolean join) {
        running = false;
        synchronized (lock) {
            lock.notifyAll();
        }
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            // Unless asked, the polling thread is not joined: it may sit in a long poll, and whatever that
            // poll brings back after the stop is handed back to the queue. Invocations in flight are waited for.
            synchronized (lock) {
                while (inFlight > 0 && System.nanoTime() < deadline) {
                    lock.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                }
                active = false;
                inFlight = 0;
            }
            Thread polling = thread;
            if (join && polling != null) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !polling.join(Duration.ofNanos(left))) {
                    LOG.warn("{}: the polling thread did not stop within {}", sourceDescription(), limit);
                    return false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            settings.activity().changed();
        }
        return true;
    }

    final boolean running() {
        return running;
    }

    final boolean idle() {
        synchronized (lock) {
            // A stopped poller does nothing, whatever timers still signal it (they wait for its next launch).
            return !running || (!active && inFlight == 0 && signals.isEmpty());
        }
    }

    /** Runs on the polling thread until stopped. */
    private void loop() {
        while (running) {
            boolean progressed;
            Duration rest = idlePause();
            try {
                drainSignals();
                progressed = pollOnce();
                lastFailure = null;
            } catch (RuntimeException e) {
                String failure = e.toString();
                if (running && !failure.equals(lastFailure)) {
                    // once per distinct failure: a deleted table or queue would otherwise log every poll
                    LOG.warn("{}: polling failed: {}", sourceDescription(), failure);
                }
                lastFailure = failure;
                progressed = false;
                rest = settings.pollInterval();
            }
            if (!progressed) {
                markActive(false);
                pause(rest);
            } else {
                markActive(true);
            }
        }
    }

    /** How long to rest after a poll that found nothing. */
    Duration idlePause() {
        return settings.pollInterval();
    }

    /** Checks the source exists and records where to start; throws when it cannot. */
    abstract void prepare();

    /** One round of polling and processing; answers whether it did anything (then it runs again at once). */
    abstract boolean pollOnce();

    /** Runs {@code signal} on the polling thread once the stack's clock reaches {@code due}. */
    protected final void at(Instant due, Runnable signal) {
        settings.timers().at(due, () -> {
            synchronized (lock) {
                signals.add(signal);
                active = true;
                lock.notifyAll();
            }
        });
    }

    private void drainSignals() {
        Runnable signal;
        while ((signal = signals.poll()) != null) {
            signal.run();
        }
    }

    /**
     * Waits on the wall clock for the next poll; a timer signal or stop cuts it short. Signals that
     * arrived are run before it returns. Only the polling thread calls it.
     */
    protected final void pause(Duration duration) {
        waitForSignal(duration);
        drainSignals();
    }

    private void waitForSignal(Duration duration) {
        Monitors.await(lock, () -> !running || !signals.isEmpty(), duration);
    }

    protected final void markActive(boolean value) {
        synchronized (lock) {
            active = value;
        }
        if (!value) {
            settings.activity().changed();
        }
    }

    protected final void invocationStarted() {
        synchronized (lock) {
            inFlight++;
        }
    }

    protected final void invocationFinished() {
        synchronized (lock) {
            inFlight = Math.max(0, inFlight - 1);
            lock.notifyAll();
        }
        settings.activity().changed();
    }

    protected final String sourceDescription() {
        return "event source mapping " + id + " (" + definition.eventSourceArn() + " -> " + definition.functionArn()
                + ")";
    }
}
