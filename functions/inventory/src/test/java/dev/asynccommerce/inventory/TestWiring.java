package dev.asynccommerce.inventory;

import dev.asynccommerce.inventory.application.InMemoryCatalogSkus;
import dev.asynccommerce.inventory.application.InMemoryChannelProjection;
import dev.asynccommerce.inventory.application.InMemoryStockRepository;
import dev.asynccommerce.inventory.application.Pause;
import dev.asynccommerce.testkit.MutableClock;
import java.util.concurrent.atomic.AtomicLong;

/** The wiring over in-memory ports, a standing clock and predictable event ids, for handler tests. */
public final class TestWiring {
    private TestWiring() {}

    public static InventoryWiring of(InMemoryStockRepository stock) {
        return of(stock, new InMemoryChannelProjection());
    }

    /** The availability function's shape: with the catalog's SKUs. */
    public static InventoryWiring withCatalog(InMemoryStockRepository stock, InMemoryCatalogSkus catalog) {
        AtomicLong next = new AtomicLong();
        return new InventoryWiring(
                stock,
                stock,
                new InMemoryChannelProjection(),
                catalog,
                () -> "00000000-0000-4000-8000-%012d".formatted(next.incrementAndGet()),
                MutableClock.at("2026-11-21T08:35:13.120Z"),
                Pause.none());
    }

    public static InventoryWiring of(InMemoryStockRepository stock, InMemoryChannelProjection channel) {
        AtomicLong next = new AtomicLong();
        return new InventoryWiring(
                stock,
                stock,
                channel,
                () -> "00000000-0000-4000-8000-%012d".formatted(next.incrementAndGet()),
                MutableClock.at("2026-11-21T08:35:13.120Z"),
                Pause.none());
    }
}
