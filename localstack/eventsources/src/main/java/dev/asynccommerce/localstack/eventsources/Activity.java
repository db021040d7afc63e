package dev.asynccommerce.localstack.eventsources;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Where waiters for idleness sleep; pollers knock when they may have become idle. */
final class Activity {
    synchronized void changed() {
        notifyAll();
    }

    synchronized boolean await(BooleanSupplier idle, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!idle.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                // Bounded wait: a poller's state can change without a knock (an empty poll after a full one).
                wait(Math.max(1, Math.min(left / 1_000_000, 10)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
