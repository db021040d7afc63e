package dev.asynccommerce.localstack.stepfunctions;

import dev.asynccommerce.localstack.clock.VirtualClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the engine's runnable work so that the stack clock can wait for it to settle: a thread is
 * counted from its start until it parks on a {@link Signal}, and again from the moment that signal
 * is completed. Completing a signal counts the waiter before waking it, so there is no instant in
 * which woken work looks idle.
 */
final class Activity implements VirtualClock.Quiescence {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int running;

    void enter() {
        lock.lock();
        try {
            running++;
        } finally {
            lock.unlock();
        }
    }

    void leave() {
        lock.lock();
        try {
            if (--running == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Starts {@code work} on a virtual thread, counted as running until it ends or parks. */
    void spawn(String name, Runnable work) {
        enter();
        Thread.ofVirtual().name(name).start(() -> {
            try {
                work.run();
            } finally {
                leave();
            }
        });
    }

    @Override
    public boolean awaitIdle(Duration limit) {
        long nanos = limit.toNanos();
        lock.lock();
        try {
            while (running > 0) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = idle.awaitNanos(nanos);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    <T> Signal<T> signal() {
        return new Signal<>(this);
    }

    /** A one-shot wake-up: exactly one waiter, completed at most once. */
    static final class Signal<T> {
        private final Activity activity;
        private final CompletableFuture<T> future = new CompletableFuture<>();

        private Signal(Activity activity) {
            this.activity = activity;
        }

        boolean complete(T value) {
            activity.enter();
            if (future.complete(value)) {
                return true;
            }
            activity.leave();
            return false;
        }

        boolean isDone() {
            return future.isDone();
        }

        /** Parks the calling (counted) thread until completed. */
        T await() {
            activity.leave();
            try {
                return future.join();
            } catch (RuntimeException e) {
                throw e;
            }
        }

        /** For callers outside the engine's counted threads (API calls waiting for a result). */
        T awaitUncounted(Duration limit) throws Exception {
            return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
