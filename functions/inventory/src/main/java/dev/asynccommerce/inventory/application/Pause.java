package dev.asynccommerce.inventory.application;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** How long to wait before trying again: a lost race for stock, or reads DynamoDB left unprocessed. */
@FunctionalInterface
public interface Pause {

    /** Waits before retry number {@code retry} (1 for the first retry). */
    void before(int retry);

    /** No wait: for tests, where time is not the subject. */
    static Pause none() {
        return retry -> {};
    }

    /**
     * Exponential growth from {@code base} up to {@code cap}, each wait drawn uniformly below the
     * bound ("full jitter"), so concurrent retries (checkouts racing for one SKU, readers throttled
     * together) spread out instead of colliding again.
     */
    static Pause jittered(Duration base, Duration cap) {
        long baseMillis = base.toMillis();
        long capMillis = cap.toMillis();
        return retry -> {
            long bound = Math.min(capMillis, baseMillis << Math.min(retry - 1, 20));
            try {
                Thread.sleep(ThreadLocalRandom.current().nextLong(bound + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting to retry", e);
            }
        };
    }
}
