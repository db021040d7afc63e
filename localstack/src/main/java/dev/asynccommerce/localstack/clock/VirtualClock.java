package dev.asynccommerce.localstack.clock;

import dev.asynccommerce.localstack.spi.Timers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The one clock of the local stack: every timer of every emulated service (Wait states, task
 * timeouts and heartbeats, retry intervals, visibility timeouts, TTL, schedules) is scheduled here,
 * so that {@link #advance(Duration)} makes days pass in milliseconds.
 *
 * <p>Two modes. A {@linkplain #manual(Instant) manual} clock moves only when advanced: tests use
 * it. A {@linkplain #flowing(Clock) flowing} clock follows a base clock (the wall clock for the
 * running stack) plus an offset that {@code advance} grows, and fires timers as they fall due on a
 * daemon thread.
 *
 * <p>{@code advance} fires due timers one at a time in due order (ties in scheduling order), with
 * {@link #now()} set to each timer's due instant while it runs. After each firing it waits for
 * every registered {@link Quiescence} to settle, so a timer whose work schedules a further timer
 * inside the advanced window (Wait after Wait) is fired by the same call.
 */
public final class VirtualClock {
    private static final Logger LOG = LogManager.getLogger(VirtualClock.class);
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(10);

    /**
     * Something that runs work asynchronously after a timer fires (an engine with its own threads).
     * {@link #awaitIdle(Duration)} returns once that work has either finished or parked on a timer
     * or an outside signal.
     */
    @FunctionalInterface
    public interface Quiescence {
        /** Blocks until idle or until {@code limit} passes; returns whether idle was reached. */
        boolean awaitIdle(Duration limit);
    }

    /** A scheduled timer; cancel it when the thing it guards completes first. */
    public interface Timer {
        /** Cancels the timer; returns false when it already fired or was cancelled. */
        boolean cancel();

        Instant due();
    }

    private final Clock base;
    private final boolean flowing;
    private final Object lock = new Object();
    private final PriorityQueue<Entry> timers = new PriorityQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final List<Quiescence> quiescences = new CopyOnWriteArrayList<>();
    private Duration offset = Duration.ZERO;
    private Instant manualNow;
    private Thread ticker;

    private VirtualClock(Clock base, Instant manualNow) {
        this.base = base;
        this.flowing = base != null;
        this.manualNow = manualNow;
    }

    /** A clock that stands still at {@code start} until advanced. */
    public static VirtualClock manual(Instant start) {
        return new VirtualClock(null, Objects.requireNonNull(start));
    }

    /**
     * A clock that follows {@code base} (normally {@link Clock#systemUTC()}) and fires timers when
     * they fall due; {@link #advance(Duration)} still jumps it ahead.
     */
    public static VirtualClock flowing(Clock base) {
        VirtualClock clock = new VirtualClock(Objects.requireNonNull(base), null);
        clock.startTicker();
        return clock;
    }

    /** The stack's current instant. */
    /** This clock as the {@link Timers} the stack's services take. */
    public Timers asTimers() {
        return new Timers() {
            @Override
            public Instant now() {
                return VirtualClock.this.now();
            }

            @Override
            public void at(Instant due, Runnable task) {
                schedule(due, task);
            }
        };
    }

    public Instant now() {
        synchronized (lock) {
            return flowing ? base.instant().plus(offset) : manualNow;
        }
    }

    /** This clock as a {@link java.time.Clock}, for code that takes one (domain code, SDK fakes). */
    public Clock asJavaClock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return Clock.fixed(instant(), zone);
            }

            @Override
            public Instant instant() {
                return now();
            }
        };
    }

    /**
     * Runs {@code task} once the clock reaches {@code due}. A due instant not after now fires on the
     * next advance (manual) or at once on the ticker (flowing); never on the caller's thread, so the
     * caller may hold its own locks.
     */
    public Timer schedule(Instant due, Runnable task) {
        Entry entry = new Entry(due, sequence.incrementAndGet(), task);
        synchronized (lock) {
            timers.add(entry);
            lock.notifyAll();
        }
        return entry;
    }

    /** Registers work that {@link #advance(Duration)} waits for after each timer it fires. */
    public void addQuiescence(Quiescence quiescence) {
        quiescences.add(quiescence);
    }

    public void removeQuiescence(Quiescence quiescence) {
        quiescences.remove(quiescence);
    }

    /** Number of timers not yet fired or cancelled. */
    public int pendingTimers() {
        synchronized (lock) {
            return (int) timers.stream().filter(e -> !e.cancelled).count();
        }
    }

    /**
     * Moves the clock on by {@code duration}, firing every timer that falls due on the way, in due
     * order; answers the new now.
     */
    public Instant advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward: " + duration);
        }
        Instant target;
        synchronized (lock) {
            target = now().plus(duration);
        }
        settle();
        while (true) {
            Entry next;
            synchronized (lock) {
                next = pollDue(target);
                if (next == null) {
                    moveTo(target);
                    lock.notifyAll();
                    return target;
                }
                if (next.due.isAfter(now())) {
                    moveTo(next.due);
                }
            }
            fire(next);
            settle();
        }
    }

    private Entry pollDue(Instant limit) {
        while (!timers.isEmpty()) {
            Entry head = timers.peek();
            if (head.cancelled) {
                timers.poll();
                continue;
            }
            if (head.due.isAfter(limit)) {
                return null;
            }
            return timers.poll();
        }
        return null;
    }

    private void moveTo(Instant instant) {
        if (flowing) {
            Instant current = base.instant().plus(offset);
            if (instant.isAfter(current)) {
                offset = offset.plus(Duration.between(current, instant));
            }
        } else if (instant.isAfter(manualNow)) {
            manualNow = instant;
        }
    }

    private void settle() {
        for (Quiescence quiescence : quiescences) {
            if (!quiescence.awaitIdle(SETTLE_LIMIT)) {
                LOG.warn("work started by a timer did not settle within {}", SETTLE_LIMIT);
            }
        }
    }

    private static void fire(Entry entry) {
        if (!entry.markFired()) {
            return;
        }
        try {
            entry.task.run();
        } catch (RuntimeException e) {
            // One failing timer must not stop the stack's clock for everyone else.
            LOG.warn("timer task failed", e);
        }
    }

    private void startTicker() {
        ticker = Thread.ofPlatform().daemon().name("virtual-clock").start(this::tick);
    }

    private void tick() {
        while (!Thread.currentThread().isInterrupted()) {
            List<Entry> due = new ArrayList<>();
            synchronized (lock) {
                Instant now = now();
                Entry next;
                while ((next = pollDue(now)) != null) {
                    due.add(next);
                }
                if (due.isEmpty()) {
                    long waitMillis = timers.isEmpty()
                            ? 1_000
                            : Math.max(
                                    1, Duration.between(now, timers.peek().due).toMillis());
                    try {
                        lock.wait(Math.min(waitMillis, 1_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    continue;
                }
            }
            due.forEach(VirtualClock::fire);
        }
    }

    /** Stops a flowing clock's ticker; a manual clock has nothing to stop. */
    public void close() {
        if (ticker != null) {
            ticker.interrupt();
        }
    }

    private static final class Entry implements Timer, Comparable<Entry> {
        private final Instant due;
        private final long sequence;
        private final Runnable task;
        private volatile boolean cancelled;
        private boolean fired;

        Entry(Instant due, long sequence, Runnable task) {
            this.due = due;
            this.sequence = sequence;
            this.task = task;
        }

        @Override
        public synchronized boolean cancel() {
            if (fired || cancelled) {
                return false;
            }
            cancelled = true;
            return true;
        }

        synchronized boolean markFired() {
            if (cancelled || fired) {
                return false;
            }
            fired = true;
            return true;
        }

        @Override
        public Instant due() {
            return due;
        }

        @Override
        public int compareTo(Entry other) {
            int byDue = due.compareTo(other.due);
            return byDue != 0 ? byDue : Long.compare(sequence, other.sequence);
        }
    }
}
