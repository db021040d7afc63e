package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.fulfillment.domain.PickTask;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.StoreId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The pick tasks contract in memory, with the outbox the transactions write and a version check. */
public final class InMemoryPickTasks implements PickTasks {
    private final Map<OrderId, PickTask> tasks = new LinkedHashMap<>();
    private final List<OutboxMessage> outbox = new ArrayList<>();
    private final CancelledOrders cancelled;
    /** Saves still to refuse as if another writer had been first: to exercise the retry. */
    private int conflictsToFake;

    public InMemoryPickTasks(CancelledOrders cancelled) {
        this.cancelled = cancelled;
    }

    @Override
    public synchronized Optional<PickTask> find(OrderId orderId) {
        return Optional.ofNullable(tasks.get(orderId));
    }

    @Override
    public synchronized List<OpenPickTask> openAt(StoreId storeId) {
        return tasks.values().stream()
                .filter(t -> t.isOpenAt(storeId))
                .sorted(Comparator.comparing(PickTask::dueAt))
                .map(t -> new OpenPickTask(t.orderId(), t.lines(), t.createdAt(), t.dueAt(), t.escalated()))
                .toList();
    }

    @Override
    public synchronized Creation create(PickTask task, OutboxMessage created) {
        if (cancelled.find(task.orderId()).isPresent()) {
            return Creation.ORDER_CANCELLED;
        }
        if (tasks.containsKey(task.orderId())) {
            return Creation.ALREADY_EXISTS;
        }
        tasks.put(task.orderId(), task);
        outbox.add(created);
        return Creation.CREATED;
    }

    @Override
    public synchronized boolean save(PickTask task, long expectedVersion, OutboxMessage event) {
        PickTask stored = tasks.get(task.orderId());
        if (conflictsToFake > 0) {
            conflictsToFake--;
            return false;
        }
        if (stored == null || stored.version() != expectedVersion) {
            return false;
        }
        tasks.put(task.orderId(), task);
        if (event != null) {
            outbox.add(event);
        }
        return true;
    }

    public synchronized void put(PickTask task) {
        tasks.put(task.orderId(), task);
    }

    public synchronized void failNextSaves(int count) {
        conflictsToFake = count;
    }

    public synchronized List<OutboxMessage> outbox() {
        return List.copyOf(outbox);
    }
}
