package dev.asynccommerce.ordering.application;

import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.ordering.domain.Order;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The repository contract in memory: atomic writes, version checks, key reservations, an outbox. */
public final class InMemoryOrderRepository implements OrderRepository {
    private final Map<OrderId, Order> orders = new HashMap<>();
    private final Map<String, CheckoutRecord> checkouts = new HashMap<>();
    private final List<OutboxMessage> outbox = new ArrayList<>();
    private final Clock clock;
    /** Lets a test make the next saves lose their version check, as a concurrent writer would. */
    private int conflictsToSimulate;

    private int notesSaved;

    public InMemoryOrderRepository(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Optional<Order> find(OrderId id) {
        return Optional.ofNullable(orders.get(id));
    }

    @Override
    public synchronized Optional<CheckoutRecord> findCheckout(String idempotencyKey) {
        return Optional.ofNullable(checkouts.get(idempotencyKey))
                .filter(c -> c.expiresAt().isAfter(clock.instant()));
    }

    @Override
    public synchronized CreateResult create(Order order, OutboxMessage placed, CheckoutRecord checkout) {
        if (findCheckout(checkout.idempotencyKey()).isPresent()) {
            return new CreateResult.KeyAlreadyUsed();
        }
        checkouts.put(checkout.idempotencyKey(), checkout);
        orders.put(order.id(), order);
        outbox.add(placed);
        return new CreateResult.Created();
    }

    @Override
    public synchronized SaveResult save(Order order, long expectedRevision, OutboxMessage event) {
        if (conflicts(order, expectedRevision)) {
            return new SaveResult.VersionConflict();
        }
        orders.put(order.id(), order);
        outbox.add(event);
        return new SaveResult.Saved();
    }

    @Override
    public synchronized SaveResult saveNote(Order order, long expectedRevision) {
        if (conflicts(order, expectedRevision)) {
            return new SaveResult.VersionConflict();
        }
        orders.put(order.id(), order);
        notesSaved++;
        return new SaveResult.Saved();
    }

    private boolean conflicts(Order order, long expectedRevision) {
        Order stored = orders.get(order.id());
        if (conflictsToSimulate > 0 || stored == null || stored.revision() != expectedRevision) {
            conflictsToSimulate = Math.max(0, conflictsToSimulate - 1);
            return true;
        }
        return false;
    }

    /** How many notes were stored (writes without an outbox message). */
    public synchronized int notesSaved() {
        return notesSaved;
    }

    public synchronized void simulateConflicts(int count) {
        conflictsToSimulate = count;
    }

    public synchronized void put(Order order) {
        orders.put(order.id(), order);
    }

    public synchronized List<OutboxMessage> outbox() {
        return List.copyOf(outbox);
    }

    public synchronized int orderCount() {
        return orders.size();
    }

    /**
     * Every Idempotency-Key a checkout record was stored under, expired ones included: what a test
     * checks to show that a refused checkout left its key free for the corrected request.
     */
    public synchronized Set<String> checkoutKeys() {
        return Set.copyOf(checkouts.keySet());
    }
}
