package dev.asynccommerce.localstack.lambda;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * A function's execution environments, all versions together, as Lambda counts concurrency per
 * function: at most {@code limit} exist, each serving one invocation at a time, so {@code limit} is the
 * function's concurrency. Idle ones are reused (warm starts); one more is created only when none of the
 * wanted version is idle; beyond the limit an idle environment of another version is retired to make
 * room, and otherwise the invocation is throttled.
 */
final class EnvironmentPool {
    private final int limit;
    private final String throttleReason;
    private final List<ExecutionEnvironment> all = new ArrayList<>();
    private final Deque<ExecutionEnvironment> idle = new ArrayDeque<>();
    private boolean closed;

    EnvironmentPool(int limit, boolean reserved) {
        this.limit = limit;
        // Lambda's ThrottleReason: a function with reserved concurrency is throttled at its reservation;
        // without one, the local default limit plays the account's unreserved pool.
        this.throttleReason =
                reserved ? "ReservedFunctionConcurrentInvocationLimitExceeded" : "ConcurrentInvocationLimitExceeded";
    }

    /**
     * An environment for one invocation of {@code version}, now counted as busy; a new one from {@code
     * factory} (not yet started) when none is idle.
     *
     * @throws LambdaException TooManyRequestsException when the function's concurrency is used up
     */
    ExecutionEnvironment acquire(String version, Supplier<ExecutionEnvironment> factory) {
        ExecutionEnvironment retired = null;
        ExecutionEnvironment chosen;
        synchronized (this) {
            if (closed) {
                throw LambdaException.service("The local Lambda is shutting down.");
            }
            idle.removeIf(e -> {
                if (!e.alive()) {
                    all.remove(e);
                    return true;
                }
                return false;
            });
            chosen = takeIdle(version);
            if (chosen == null) {
                if (all.size() >= limit && !idle.isEmpty()) {
                    retired = idle.pollLast(); // the least recently used of another version
                    all.remove(retired);
                }
                if (all.size() >= limit) {
                    throw LambdaException.tooManyRequests(throttleReason);
                }
                chosen = factory.get();
                all.add(chosen);
            }
        }
        if (retired != null) {
            retired.stop();
        }
        return chosen;
    }

    private ExecutionEnvironment takeIdle(String version) {
        for (Iterator<ExecutionEnvironment> it = idle.iterator(); it.hasNext(); ) {
            ExecutionEnvironment e = it.next();
            if (e.version().equals(version)) {
                it.remove();
                return e;
            }
        }
        return null;
    }

    /** Back to idle after an invocation, or dropped if it did not survive it. */
    void release(ExecutionEnvironment environment) {
        boolean stop = false;
        synchronized (this) {
            if (closed || !environment.alive()) {
                all.remove(environment);
                stop = true;
            } else {
                idle.addFirst(environment); // most recently used first: the warmest is reused
            }
        }
        if (stop) {
            environment.stop();
        }
    }

    synchronized int busy() {
        return all.size() - idle.size();
    }

    synchronized List<ExecutionEnvironment> environments() {
        return List.copyOf(all);
    }

    /** Stops every environment; later acquisitions fail. */
    void close() {
        List<ExecutionEnvironment> toStop;
        synchronized (this) {
            closed = true;
            toStop = new ArrayList<>(all);
            all.clear();
            idle.clear();
        }
        toStop.parallelStream().forEach(ExecutionEnvironment::stop);
    }
}
