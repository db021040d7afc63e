package dev.asynccommerce.payments.application;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Remembers the waits asked for and returns at once. */
public final class RecordingSleeper implements Sleeper {
    public final List<Duration> sleeps = new ArrayList<>();

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
    }
}
