package dev.asynccommerce.payments.application;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Remembers every postponed redelivery as {@code receiptHandle delay}. */
public final class RecordingVisibility implements MessageVisibility {
    public final List<String> changes = new ArrayList<>();

    @Override
    public void delayRedelivery(String receiptHandle, Duration delay) {
        changes.add(receiptHandle + " " + delay);
    }
}
