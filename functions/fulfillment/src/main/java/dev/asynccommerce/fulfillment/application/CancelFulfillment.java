package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.events.EventData;
import dev.asynccommerce.events.EventDetail;
import dev.asynccommerce.events.OrderCancelled;
import dev.asynccommerce.fulfillment.domain.CollectionStatus;
import dev.asynccommerce.fulfillment.domain.CollectionWait;
import dev.asynccommerce.fulfillment.domain.PickTask;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.StoreId;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code OrderCancelled}: fulfillment stops working on the order. The cancellation is recorded first
 * (so no pick task or wait can be created for the order afterwards), then any step the workflow
 * waits on is failed with {@code Order.Cancelled} (cause: the reason) and its task or wait closed.
 *
 * <p>Idempotent on the event: the first record of the cancellation wins, and a closed task or wait
 * is a natural no-op, so a redelivered event (same {@code eventId}) does nothing again. The token is
 * failed before the task is closed: a crash in between leaves the task open, and the retry fails the
 * (already failed, now harmless) token again and closes it.
 */
public final class CancelFulfillment {
    static final int MAX_ATTEMPTS = 4;

    private final CancelledOrders cancelled;
    private final PickTasks tasks;
    private final CollectionWaits waits;
    private final WorkflowCallbacks callbacks;
    private final Clock clock;

    public CancelFulfillment(
            CancelledOrders cancelled,
            PickTasks tasks,
            CollectionWaits waits,
            WorkflowCallbacks callbacks,
            Clock clock) {
        this.cancelled = cancelled;
        this.tasks = tasks;
        this.waits = waits;
        this.callbacks = callbacks;
        this.clock = clock;
    }

    public EventOutcome execute(String eventBridgeEventJson) {
        return switch (ReceivedEvents.read(eventBridgeEventJson)) {
            case ReceivedEvents.Read.Invalid invalid -> new EventOutcome.Invalid(invalid.problems());
            case ReceivedEvents.Read.Valid valid -> cancel(valid.detail());
        };
    }

    private EventOutcome cancel(EventDetail<? extends EventData> detail) {
        if (!(detail.data() instanceof OrderCancelled event)) {
            return new EventOutcome.Ignored(detail.metadata().eventType());
        }
        OrderId orderId = new OrderId(event.orderId());
        Instant now = clock.instant();
        cancelled.record(new CancelledOrders.Cancellation(
                orderId,
                new StoreId(event.storeId()),
                event.reason(),
                detail.metadata().eventId(),
                now));
        boolean taskClosed = closePickTask(orderId, event.reason(), now);
        boolean waitClosed = closeCollectionWait(orderId, event.reason(), now);
        return new EventOutcome.Handled(
                "cancelled (pick task closed: " + taskClosed + ", collection wait closed: " + waitClosed + ")");
    }

    private boolean closePickTask(OrderId orderId, String reason, Instant now) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<PickTask> open = tasks.find(orderId).filter(t -> t.status().isOpen());
            if (open.isEmpty()) {
                return false;
            }
            PickTask task = open.get();
            callbacks.fail(task.token(), WorkflowCallbacks.ORDER_CANCELLED, reason);
            if (tasks.save(task.cancel(now), task.version(), null)) {
                return true;
            }
        }
        throw new ConcurrentChangeException("the pick task");
    }

    private boolean closeCollectionWait(OrderId orderId, String reason, Instant now) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<CollectionWait> awaiting =
                    waits.find(orderId).filter(w -> w.status() == CollectionStatus.AWAITING);
            if (awaiting.isEmpty()) {
                return false;
            }
            CollectionWait wait = awaiting.get();
            callbacks.fail(wait.token(), WorkflowCallbacks.ORDER_CANCELLED, reason);
            if (waits.save(wait.cancel(now), wait.version())) {
                return true;
            }
        }
        throw new ConcurrentChangeException("the collection wait");
    }
}
