package dev.asynccommerce.localstack.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * The faults injected through {@code POST /_local/faults}: per AWS operation, a rate of failures and a
 * delay, optionally for a number of requests only. The gateway asks {@link #apply} for every request it
 * serves, whoever sent it (a test, a function, another emulator calling through the endpoint), so a
 * fault looks to every caller the way a faltering AWS service would.
 *
 * <p>Faults of the simulated payment provider (service {@code payments}) are not kept here: the provider
 * runs inside the payments functions and gets them through {@link SimulatedProviderFaults}.
 *
 * <p>Thread-safe: the count of a fault is spent atomically, so {@code count} requests are affected even
 * when they arrive together.
 */
final class Faults {
    /**
     * One injected fault.
     *
     * @param service the AWS endpoint prefix ({@code dynamodb}, {@code sqs}, {@code events}, ...)
     * @param operation the API operation name ({@code PutEvents}, {@code TransactWriteItems}, ...)
     * @param errorRate the share of matching requests that fail, 0..1
     * @param latencyMs how long every matching request is held before it is answered
     * @param remaining how many more requests it affects before it removes itself; null for no limit
     */
    record Fault(String service, String operation, double errorRate, long latencyMs, Integer remaining) {
        Fault {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(operation, "operation");
        }
    }

    /** What a request suffers: a delay, then a failure or its normal answer. */
    record Effect(long latencyMs, boolean fail) {
        static final Effect NONE = new Effect(0, false);

        boolean any() {
            return fail || latencyMs > 0;
        }
    }

    private final DoubleSupplier random;
    // Guarded by this; one fault per operation, the latest POST replacing an earlier one.
    private final Map<String, Fault> active = new LinkedHashMap<>();

    /** @param random uniform in [0, 1); tests pass a scripted source to make rates exact */
    Faults(DoubleSupplier random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    synchronized void put(Fault fault) {
        active.put(key(fault.service(), fault.operation()), fault);
    }

    /** Removes every fault; answers how many there were. */
    synchronized int clear() {
        int removed = active.size();
        active.clear();
        return removed;
    }

    synchronized List<Fault> list() {
        return new ArrayList<>(active.values());
    }

    /**
     * Decides what happens to one request for {@code service}/{@code operation}. A request counts
     * against {@code count} only when it is affected (delayed or failed): with latency 0 and a rate of
     * 0.5, {@code count: 2} means two failures, however many requests pass in between.
     */
    synchronized Effect apply(String service, String operation) {
        if (active.isEmpty() || service == null || operation == null) {
            return Effect.NONE;
        }
        String key = key(service, operation);
        Fault fault = active.get(key);
        if (fault == null) {
            return Effect.NONE;
        }
        // errorRate 1 always fails and 0 never does, whatever the source gives in [0, 1).
        Effect effect = new Effect(fault.latencyMs(), random.getAsDouble() < fault.errorRate());
        if (effect.any() && fault.remaining() != null) {
            int left = fault.remaining() - 1;
            if (left <= 0) {
                active.remove(key);
            } else {
                active.put(
                        key, new Fault(fault.service(), fault.operation(), fault.errorRate(), fault.latencyMs(), left));
            }
        }
        return effect;
    }

    private static String key(String service, String operation) {
        return service + "/" + operation;
    }
}
