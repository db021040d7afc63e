package dev.asynccommerce.payments.adapter.simulated;

import java.time.Duration;
import java.util.Objects;

/**
 * How the simulated provider behaves beyond its tokens, for benchmarks and fault drills.
 *
 * @param medianLatency every call waits around this long (from half to twice it, median exactly it)
 * @param failureRate the share of calls, of any token, that fail transiently (0..1)
 * @param slowDelay the extra wait of {@code tok_slow}
 */
public record SimulatorSettings(Duration medianLatency, double failureRate, Duration slowDelay) {
    public SimulatorSettings {
        Objects.requireNonNull(medianLatency, "medianLatency");
        Objects.requireNonNull(slowDelay, "slowDelay");
        if (medianLatency.isNegative() || slowDelay.isNegative()) {
            throw new IllegalArgumentException("simulated delays cannot be negative");
        }
        if (!(failureRate >= 0 && failureRate <= 1)) {
            throw new IllegalArgumentException("failure rate must be between 0 and 1");
        }
    }

    /** No added latency, no failures beyond {@code tok_flaky}, 3 s for {@code tok_slow}. */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings(Duration.ZERO, 0, Duration.ofSeconds(3));
    }
}
