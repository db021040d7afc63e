package dev.asynccommerce.inventory.adapter.dynamodb;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** How long to wait before retrying work DynamoDB left unprocessed. */
@FunctionalInterface
interface Backoff {

    /** Waits before retry number {@code retry} (1 for the first retry). */
    void pause(int retry);

    /** No wait at all: for tests, where the engine is local and time is not the subject. */
    static Backoff none() {
        return retry -> {};
    }

    /**
     * Exponential growth from {@code base} up to {@code cap}, each wait drawn uniformly below the
     * bound ("full jitter"), so retries of concurrent callers spread out instead of colliding.
     */
    static Backoff exponentialWithJitter(Duration base, Duration cap) {
        long baseMillis = base.toMillis();
        long capMillis = cap.toMillis();
        return retry -> {
            long bound = Math.min(capMillis, baseMillis << Math.min(retry - 1, 20));
            try {
                Thread.sleep(ThreadLocalRandom.current().nextLong(bound + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting to retry unprocessed keys", e);
            }
        };
    }
}
