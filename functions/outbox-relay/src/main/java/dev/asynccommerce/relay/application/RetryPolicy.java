package dev.asynccommerce.relay.application;

import java.time.Duration;

/**
 * How often and how patiently the relay retries the entries of one publish call.
 *
 * @param maxAttempts calls per entry, the first one included; at least 1
 * @param firstDelay the wait before the first retry; every further retry waits twice as long
 * @param maxDelay the longest single wait
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("delays must satisfy 0 <= firstDelay <= maxDelay");
        }
    }

    /**
     * Four attempts, 100, 200 and 400 ms apart: under a second of waiting per chunk, well inside a
     * Lambda timeout, while the event-source mapping's own retries handle longer outages.
     */
    public static RetryPolicy standard() {
        return new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1));
    }

    /** The wait before retry number {@code retry} (1 for the second attempt). */
    public Duration delayBeforeRetry(int retry) {
        Duration delay = firstDelay;
        for (int i = 1; i < retry && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
