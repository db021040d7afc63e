package dev.asynccommerce.localstack.spi;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The one bounded wait the services share: for a condition guarded by an object's monitor (work in
 * flight drained, connections closed), as their quiescence checks and shutdowns need it.
 */
public final class Monitors {
    private Monitors() {}

    /**
     * Holding {@code monitor}'s lock, waits until {@code done} holds or {@code limit} passes. Whoever
     * changes what {@code done} reads must do so under the same lock and call {@code notifyAll()} on it.
     *
     * @return whether {@code done} held; false after {@code limit}, or on an interrupt (the thread's
     *     interrupt flag is set again)
     */
    public static boolean await(Object monitor, BooleanSupplier done, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (monitor) {
            while (!done.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(monitor, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }
}
