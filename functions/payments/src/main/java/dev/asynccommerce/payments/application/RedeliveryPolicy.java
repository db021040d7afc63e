package dev.asynccommerce.payments.application;

import java.time.Duration;

/**
 * When the provider stays unavailable: how long the queue waits before each redelivery (doubling
 * from {@code firstDelay} up to {@code maxDelay}), and after how many receives the attempt is given
 * up as FAILED.
 *
 * @param maxReceives the payments queue's {@code maxReceiveCount}: the delivery with this receive
 *     count is the last before the queue moves the message to its failure queue
 */
public record RedeliveryPolicy(int maxReceives, Duration firstDelay, Duration maxDelay) {
    public RedeliveryPolicy {
        if (maxReceives < 1) {
            throw new IllegalArgumentException("maxReceives must be at least 1");
        }
        if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("delays must satisfy 0 <= firstDelay <= maxDelay");
        }
    }

    public static RedeliveryPolicy withMaxReceives(int maxReceives) {
        return new RedeliveryPolicy(maxReceives, Duration.ofSeconds(10), Duration.ofMinutes(5));
    }

    /** Whether this delivery is the last the queue will make. */
    public boolean isLast(int receiveCount) {
        return receiveCount >= maxReceives;
    }

    /** The wait before the delivery after the one with {@code receiveCount}. */
    public Duration delayAfter(int receiveCount) {
        int doublings = Math.min(Math.max(receiveCount - 1, 0), 30);
        Duration delay = firstDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
