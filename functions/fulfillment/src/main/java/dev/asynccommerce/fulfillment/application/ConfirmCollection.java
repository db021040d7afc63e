package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.fulfillment.domain.CollectionDecision;
import dev.asynccommerce.fulfillment.domain.CollectionWait;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.StoreId;
import java.time.Clock;
import java.util.Optional;

/**
 * The customer collects at the store ({@code POST .../collected} with the pickup code). The right
 * code closes the wait and completes the workflow's token with {@code {"outcome": "COLLECTED"}}; a
 * wrong one changes nothing. The right code again answers the same and completes the token again
 * (harmless), so a device's retry heals a callback that failed.
 */
public final class ConfirmCollection {
    static final int MAX_ATTEMPTS = 4;

    private final CollectionWaits waits;
    private final WorkflowCallbacks callbacks;
    private final Clock clock;

    public ConfirmCollection(CollectionWaits waits, WorkflowCallbacks callbacks, Clock clock) {
        this.waits = waits;
        this.callbacks = callbacks;
        this.clock = clock;
    }

    public sealed interface Result {
        record Collected(OrderId orderId, boolean repeated) implements Result {}

        record WrongCode() implements Result {}

        /** The order is not awaiting collection at that store. */
        record NotFound() implements Result {}
    }

    public Result execute(StoreId storeId, String rawOrderId, String pickupCode) {
        if (!OrderId.isValid(rawOrderId)) {
            return new Result.NotFound();
        }
        OrderId orderId = new OrderId(rawOrderId);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<CollectionWait> found =
                    waits.find(orderId).filter(w -> w.storeId().equals(storeId));
            if (found.isEmpty()) {
                return new Result.NotFound();
            }
            CollectionWait wait = found.get();
            switch (wait.collect(pickupCode, clock.instant())) {
                case CollectionDecision.NotAwaited n -> {
                    return new Result.NotFound();
                }
                case CollectionDecision.WrongCode w -> {
                    return new Result.WrongCode();
                }
                case CollectionDecision.AlreadyCollected a -> {
                    callbacks.succeed(a.collection().token(), new WorkflowCallbacks.StepResult.Collected());
                    return new Result.Collected(orderId, true);
                }
                case CollectionDecision.Collected c -> {
                    if (waits.save(c.collection(), wait.version())) {
                        callbacks.succeed(c.collection().token(), new WorkflowCallbacks.StepResult.Collected());
                        return new Result.Collected(orderId, false);
                    }
                }
            }
        }
        throw new ConcurrentChangeException("the collection wait");
    }
}
