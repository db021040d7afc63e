package dev.asynccommerce.localstack.eventbridge;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * A {@link Timers} that stands still until {@link #advance(Duration)} moves it: then every task due
 * within the window runs on the caller's thread, in due order (ties in scheduling order), with
 * {@link #now()} set to the task's due instant, so that a retry scheduled by a retry inside the same
 * window also runs. Meant for tests.
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
            // Outside the lock: the task reads now() and schedules follow-ups.
            next.task.run();
        }
    }

    /** Tasks scheduled and not yet run. */
    public synchronized int pending() {
        return queue.size();
    }
}
