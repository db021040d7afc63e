package dev.asynccommerce.fulfillment.application;

import java.util.concurrent.atomic.AtomicInteger;

/** Event ids 00000000-0000-4000-8000-000000000001, ...002 and so on: predictable, schema-valid. */
public final class SequentialEventIds implements EventIds {
    private final AtomicInteger next = new AtomicInteger();

    @Override
    public String newEventId() {
        return "00000000-0000-4000-8000-%012d".formatted(next.incrementAndGet());
    }
}
