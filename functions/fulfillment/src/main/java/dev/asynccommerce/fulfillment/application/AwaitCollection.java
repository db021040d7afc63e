package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.fulfillment.domain.CollectionWait;
import dev.asynccommerce.fulfillment.domain.TaskToken;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.StoreId;
import java.time.Clock;
import java.util.Optional;

/**
 * The workflow's {@code AWAIT_COLLECTION} step: the order's pickup code is kept (as a digest) with
 * the token until the customer collects at the store.
 *
 * <p>Called again (a retried step, or after the reminder): the same wait takes the new token. A
 * collected order answers the new token with {@code COLLECTED} at once; a cancelled one fails it
 * with {@code Order.Cancelled}. The same token again changes nothing.
 */
public final class AwaitCollection {
    static final int MAX_ATTEMPTS = 4;

    private final CollectionWaits waits;
    private final WorkflowCallbacks callbacks;
    private final Cancellations cancellations;
    private final Clock clock;

    public AwaitCollection(CollectionWaits waits, WorkflowCallbacks callbacks, CancelledOrders cancelled, Clock clock) {
        this.waits = waits;
        this.callbacks = callbacks;
        this.cancellations = new Cancellations(cancelled, callbacks);
        this.clock = clock;
    }

    /** @param pickupCode six digits; kept only as a digest */
    public record Command(
            OrderId orderId,
            StoreId storeId,
            String pickupCode,
            TaskToken token,
            boolean reminded,
            String correlationId) {
        @Override
        public String toString() {
            return "AwaitCollection.Command[orderId=" + orderId + ", storeId=" + storeId + ", reminded=" + reminded
                    + "]";
        }
    }

    public sealed interface Outcome {
        record Awaiting(CollectionWait collection) implements Outcome {}

        record AlreadyCollected() implements Outcome {}

        record Cancelled() implements Outcome {}
    }

    public Outcome execute(Command command) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<CollectionWait> found = waits.find(command.orderId());
            if (found.isEmpty()) {
                Optional<Outcome> created = create(command);
                if (created.isPresent()) {
                    return created.get();
                }
                continue;
            }
            CollectionWait wait = found.orElseThrow();
            switch (wait.status()) {
                case AWAITING -> {
                    CollectionWait waiting = wait.withToken(command.token(), command.reminded());
                    if (waiting == wait || waits.save(waiting, wait.version())) {
                        return new Outcome.Awaiting(waiting);
                    }
                }
                case COLLECTED -> {
                    callbacks.succeed(command.token(), new WorkflowCallbacks.StepResult.Collected());
                    return new Outcome.AlreadyCollected();
                }
                case CANCELLED -> {
                    cancellations.failStep(command.orderId(), command.token());
                    return new Outcome.Cancelled();
                }
            }
        }
        throw new ConcurrentChangeException("the collection wait");
    }

    private Optional<Outcome> create(Command command) {
        CollectionWait wait = CollectionWait.awaiting(
                command.orderId(),
                command.storeId(),
                command.pickupCode(),
                command.token(),
                command.reminded(),
                command.correlationId(),
                clock.instant());
        return switch (waits.create(wait)) {
            case CREATED -> Optional.of(new Outcome.Awaiting(wait));
            case ALREADY_EXISTS -> Optional.empty();
            case ORDER_CANCELLED -> {
                cancellations.failStep(command.orderId(), command.token());
                yield Optional.of(new Outcome.Cancelled());
            }
        };
    }
}
