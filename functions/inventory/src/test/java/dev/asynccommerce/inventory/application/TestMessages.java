package dev.asynccommerce.inventory.application;

import dev.asynccommerce.testkit.MutableClock;
import java.util.concurrent.atomic.AtomicLong;

/** Event factories for tests: a clock standing at a known instant and predictable event ids. */
public final class TestMessages {
    public static final String NOW = "2026-11-21T08:35:13.120Z";

    private TestMessages() {}

    public static InventoryMessages create() {
        return create(MutableClock.at(NOW));
    }

    /** Random event ids: for tests where several factories write into one table. */
    public static InventoryMessages random() {
        return new InventoryMessages(() -> java.util.UUID.randomUUID().toString(), MutableClock.at(NOW));
    }

    public static InventoryMessages create(MutableClock clock) {
        AtomicLong next = new AtomicLong();
        return new InventoryMessages(() -> "00000000-0000-4000-8000-%012d".formatted(next.incrementAndGet()), clock);
    }
}
