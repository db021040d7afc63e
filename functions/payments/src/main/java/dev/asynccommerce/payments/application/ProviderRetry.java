package dev.asynccommerce.payments.application;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * A few quick tries of one provider call, in process, before the delivery is given back to the
 * queue: most provider hiccups last milliseconds, and a redelivery costs a visibility timeout.
 * Only {@link PaymentProviderUnavailableException} is retried; the same idempotency key makes a
 * repeated call safe.
 */
public final class ProviderRetry {
    private final List<Duration> pauses;
    private final Sleeper sleeper;

    /** @param pauses the waits between tries: n pauses make n + 1 tries */
    public ProviderRetry(List<Duration> pauses, Sleeper sleeper) {
        this.pauses = List.copyOf(pauses);
        this.sleeper = sleeper;
    }

    public static ProviderRetry standard(Sleeper sleeper) {
        return new ProviderRetry(List.of(Duration.ofMillis(100), Duration.ofMillis(400)), sleeper);
    }

    public <T> T call(Supplier<T> providerCall) {
        for (int tried = 0; ; tried++) {
            try {
                return providerCall.get();
            } catch (PaymentProviderUnavailableException e) {
                if (tried >= pauses.size()) {
                    throw e;
                }
                sleeper.sleep(pauses.get(tried));
            }
        }
    }
}
