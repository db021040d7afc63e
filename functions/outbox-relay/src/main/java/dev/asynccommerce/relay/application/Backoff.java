package dev.asynccommerce.relay.application;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Port for the wait between two publish attempts, so the retry schedule is a value the tests can
 * read rather than time they must spend.
 */
@FunctionalInterface
public interface Backoff {

    /** Waits about {@code delay} before the next attempt. */
    void pause(Duration delay);

    /**
     * Really waits, between half of {@code delay} and all of it: the random half spreads the retries
     * of relays that were throttled together ("equal jitter"), the fixed half keeps the wait
     * growing with every attempt. An interrupted wait ends early and keeps the interrupt flag set.
     */
    static Backoff sleeping() {
        return delay -> {
            long millis = delay.toMillis();
            if (millis <= 0) {
                return;
            }
            long half = millis / 2;
            try {
                Thread.sleep(half + ThreadLocalRandom.current().nextLong(millis - half + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }
}
