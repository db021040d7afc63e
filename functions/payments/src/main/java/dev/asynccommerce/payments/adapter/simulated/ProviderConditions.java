package dev.asynccommerce.payments.adapter.simulated;

import java.util.function.DoubleSupplier;

/**
 * Faults an operator injects into the simulated provider while it runs (a drill in a staging
 * stack, {@code POST /_local/faults} with service {@code payments} on the local stack): per
 * provider operation, a rate of transient failures and a delay, optionally for a number of calls.
 */
public interface ProviderConditions {
    /** The provider's operations as faults name them. */
    enum Operation {
        Authorize,
        Capture,
        Void,
        Refund
    }

    /** What one call suffers. */
    record Effect(long latencyMs, boolean fail) {
        public static final Effect NONE = new Effect(0, false);

        public boolean any() {
            return fail || latencyMs > 0;
        }
    }

    /**
     * Draws what this call suffers and, when it is affected by a fault with a count, spends one of
     * that count (atomically: {@code count} calls are affected even when they race).
     *
     * @param random uniform in [0, 1)
     */
    Effect draw(Operation operation, DoubleSupplier random);

    /** No injected faults: the tokens and the configured settings alone decide. */
    ProviderConditions NONE = (operation, random) -> Effect.NONE;
}
