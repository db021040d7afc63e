package dev.asynccommerce.inventory.application;

import dev.asynccommerce.inventory.domain.Reservation;
import dev.asynccommerce.inventory.domain.ReservationId;
import dev.asynccommerce.inventory.domain.StockLevel;
import dev.asynccommerce.inventory.domain.StoreStock;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;

/**
 * The stock and reservation ports in memory, sharing one set of stock rows, with the same
 * conditional-write rules as the table and an outbox that records every event written. Tests can
 * slip a concurrent write in just before a save or a reservation write, and make every call fail.
 */
public final class InMemoryStockRepository implements StockRepository, ReservationStore {
    private final Set<StoreId> stores = new HashSet<>();
    private final Map<StoreId, Map<Sku, StockLevel>> rows = new HashMap<>();
    private final Queue<Runnable> beforeSaves = new ArrayDeque<>();
    private final Map<ReservationId, Reservation> reservations = new HashMap<>();
    private final List<OutboxMessage> outbox = new ArrayList<>();
    private RuntimeException failure;
    private int saves;

    public InMemoryStockRepository withStore(StoreId storeId) {
        stores.add(storeId);
        return this;
    }

    /** Stores the row as it is, version included, as if it had been written before the test. */
    public InMemoryStockRepository withStock(StockLevel level) {
        rows.computeIfAbsent(level.storeId(), s -> new HashMap<>()).put(level.sku(), level);
        return this;
    }

    /** Runs {@code write} right before the next save is checked: a concurrent writer winning the race. */
    public void beforeNextSave(Runnable write) {
        beforeSaves.add(write);
    }

    /** A concurrent writer that wins every race from now on. */
    public void alwaysInterfere() {
        beforeSaves.add(new Runnable() {
            @Override
            public void run() {
                rows.values().forEach(bySku -> bySku.replaceAll((sku, level) -> bump(level)));
                beforeSaves.add(this);
            }
        });
    }

    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    /** Saves that reached the table, successful or not. */
    public int saves() {
        return saves;
    }

    public StockLevel stored(StoreId storeId, Sku sku) {
        return rows.getOrDefault(storeId, Map.of()).getOrDefault(sku, StockLevel.none(storeId, sku));
    }

    @Override
    public Optional<StoreStock> findStock(StoreId storeId, Set<Sku> skus) {
        failIfTold();
        if (!stores.contains(storeId)) {
            return Optional.empty();
        }
        Map<Sku, StockLevel> found = new HashMap<>();
        for (Sku sku : skus) {
            StockLevel level = rows.getOrDefault(storeId, Map.of()).get(sku);
            if (level != null) {
                found.put(sku, level);
            }
        }
        return Optional.of(new StoreStock(storeId, found));
    }

    @Override
    public boolean isRegistered(StoreId storeId) {
        failIfTold();
        return stores.contains(storeId);
    }

    @Override
    public boolean register(StoreId storeId) {
        failIfTold();
        return stores.add(storeId);
    }

    @Override
    public StockLevel load(StoreId storeId, Sku sku) {
        failIfTold();
        return stored(storeId, sku);
    }

    @Override
    public Map<Sku, StockLevel> loadAll(StoreId storeId, Set<Sku> skus) {
        failIfTold();
        Map<Sku, StockLevel> levels = new LinkedHashMap<>();
        skus.forEach(sku -> levels.put(sku, stored(storeId, sku)));
        return levels;
    }

    @Override
    public SaveResult save(StockLevel level, OutboxMessage adjusted) {
        failIfTold();
        saves++;
        runInterference();
        StockLevel current = stored(level.storeId(), level.sku());
        if (current.version() != level.version()) {
            return new SaveResult.VersionConflict();
        }
        StockLevel next = bump(level);
        withStock(next);
        outbox.add(adjusted);
        return new SaveResult.Saved(next);
    }

    @Override
    public Optional<Reservation> find(ReservationId id) {
        failIfTold();
        return Optional.ofNullable(reservations.get(id));
    }

    @Override
    public WriteResult write(ReservationChange change) {
        failIfTold();
        saves++;
        runInterference();
        Reservation stored = reservations.get(change.reservation().id());
        boolean reservationHolds = change.expectedStatus().isEmpty()
                ? stored == null
                : stored != null && stored.status() == change.expectedStatus().get();
        if (!reservationHolds) {
            return new WriteResult.ReservationMoved();
        }
        for (StockLevel level : change.stock()) {
            if (stored(level.storeId(), level.sku()).version() != level.version()) {
                return new WriteResult.StockMoved();
            }
        }
        change.stock().forEach(level -> withStock(bump(level)));
        reservations.put(change.reservation().id(), change.reservation());
        outbox.addAll(change.events());
        return new WriteResult.Written();
    }

    /** Every event written, in order. */
    public List<OutboxMessage> outbox() {
        return List.copyOf(outbox);
    }

    /** Stores a reservation as it is, as if it had been written before the test. */
    public InMemoryStockRepository withReservation(Reservation reservation) {
        reservations.put(reservation.id(), reservation);
        return this;
    }

    private void runInterference() {
        Runnable interference = beforeSaves.poll();
        if (interference != null) {
            interference.run();
        }
    }

    private static StockLevel bump(StockLevel level) {
        return new StockLevel(level.storeId(), level.sku(), level.onHand(), level.reserved(), level.version() + 1);
    }

    private void failIfTold() {
        if (failure != null) {
            throw failure;
        }
    }
}
