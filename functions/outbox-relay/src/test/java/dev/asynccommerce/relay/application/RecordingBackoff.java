package dev.asynccommerce.relay.application;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records the waits the relay asks for instead of waiting. */
public final class RecordingBackoff implements Backoff {
    private final List<Duration> pauses = new ArrayList<>();

    @Override
    public void pause(Duration delay) {
        pauses.add(delay);
    }

    public List<Duration> pauses() {
        return pauses;
    }
}
