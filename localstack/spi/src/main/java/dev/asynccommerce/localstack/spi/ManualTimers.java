package dev.asynccommerce.localstack.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * {@link Timers} that stand still until {@link #advance(Duration)}: then every task due within the
 * window runs on the caller's thread, in due order (ties in scheduling order), with {@link #now()} at
 * the task's due instant. Meant for tests.
 */
public final class ManualTimers implements Timers {
    private record Entry(Instant due, long seq, Runnable task) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = due.compareTo(o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private Instant now;
    private long sequence;

    public ManualTimers(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized void at(Instant due, Runnable task) {
        queue.add(new Entry(due, sequence++, task));
    }

    /** Moves the clock on by {@code by}, running every task that falls due on the way. */
    public void advance(Duration by) {
        Instant target;
        synchronized (this) {
            target = now.plus(by);
        }
        while (true) {
            Entry next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due.isAfter(target)) {
                    now = target;
                    return;
                }
                queue.poll();
                if (next.due.isAfter(now)) {
                    now = next.due;
                }
            }
            next.task.run(); // outside the lock: tasks read now() and schedule follow-ups
        }
    }

    /** Tasks scheduled and not yet run. */
    public synchronized int pending() {
        return queue.size();
    }

    /** When the earliest pending task is due, or null. */
    public synchronized Instant nextDue() {
        Entry next = queue.peek();
        return next == null ? null : next.due;
    }
}
