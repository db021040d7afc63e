package dev.asynccommerce.inventory.application;

import dev.asynccommerce.inventory.domain.ChannelStock;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;

/** The channel projection port in memory, conditional like the table; tests can slip a rival write in. */
public final class InMemoryChannelProjection implements ChannelProjection {
    private final Map<String, ChannelStock> copies = new HashMap<>();
    private final Queue<Runnable> beforeSaves = new ArrayDeque<>();
    private RuntimeException failure;

    public InMemoryChannelProjection with(ChannelStock copy) {
        copies.put(key(copy.storeId(), copy.sku()), copy);
        return this;
    }

    public void beforeNextSave(Runnable write) {
        beforeSaves.add(write);
    }

    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    @Override
    public Optional<ChannelStock> find(StoreId storeId, Sku sku) {
        if (failure != null) {
            throw failure;
        }
        return Optional.ofNullable(copies.get(key(storeId, sku)));
    }

    @Override
    public boolean save(ChannelStock next, long expectedLastSequence) {
        Runnable rival = beforeSaves.poll();
        if (rival != null) {
            rival.run();
        }
        long stored = find(next.storeId(), next.sku())
                .map(ChannelStock::lastSkuSequence)
                .orElse(0L);
        if (stored != expectedLastSequence) {
            return false;
        }
        with(next);
        return true;
    }

    private static String key(StoreId storeId, Sku sku) {
        return storeId.value() + "#" + sku.value();
    }
}
