package dev.asynccommerce.payments.adapter.time;

import dev.asynccommerce.payments.application.Sleeper;
import java.time.Duration;

/** Really waits, on the calling thread. Interruption ends the wait and is passed on. */
public final class ThreadSleeper implements Sleeper {
    @Override
    public void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
