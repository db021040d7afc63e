package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.fulfillment.domain.LineProblem;
import dev.asynccommerce.fulfillment.domain.PickDecision;
import dev.asynccommerce.fulfillment.domain.PickLine;
import dev.asynccommerce.fulfillment.domain.PickOutcome;
import dev.asynccommerce.fulfillment.domain.PickTask;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.StoreId;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Store staff report what they picked for an order ({@code POST .../picked}). The result is stored
 * with {@code OrderPicked} or {@code OrderShortPicked} in one transaction, the task closes, and the
 * workflow's token gets {@code {"outcome": "PICKED"|"SHORT_PICKED", "lines": [...]}}.
 *
 * <p>The same report again changes nothing and publishes nothing, but completes the token again: if
 * the first attempt stored the result and then failed to reach the workflow, the device's retry
 * heals it (a token completed already is harmless).
 */
public final class ReportPick {
    static final int MAX_ATTEMPTS = 4;

    private final PickTasks tasks;
    private final FulfillmentMessages messages;
    private final WorkflowCallbacks callbacks;
    private final Clock clock;

    public ReportPick(PickTasks tasks, FulfillmentMessages messages, WorkflowCallbacks callbacks, Clock clock) {
        this.tasks = tasks;
        this.messages = messages;
        this.callbacks = callbacks;
        this.clock = clock;
    }

    public sealed interface Result {
        /** Stored now, or {@code repeated} when the same report had been stored before. */
        record Reported(OrderId orderId, PickOutcome outcome, boolean repeated) implements Result {}

        /** The report does not fit the task; nothing changed. */
        record Invalid(List<LineProblem> problems) implements Result {}

        /** The task was reported already with other quantities; nothing changed. */
        record Conflicting(PickOutcome recorded) implements Result {}

        /** No open or reported task for that order at that store (or the order was cancelled). */
        record NotFound() implements Result {}
    }

    public Result execute(StoreId storeId, String rawOrderId, List<PickLine> lines, CommandContext context) {
        if (!OrderId.isValid(rawOrderId)) {
            return new Result.NotFound();
        }
        OrderId orderId = new OrderId(rawOrderId);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<PickTask> found =
                    tasks.find(orderId).filter(t -> t.storeId().equals(storeId));
            if (found.isEmpty()) {
                return new Result.NotFound();
            }
            PickTask task = found.get();
            switch (task.report(lines, clock.instant())) {
                case PickDecision.Closed c -> {
                    return new Result.NotFound();
                }
                case PickDecision.Refused r -> {
                    return new Result.Invalid(r.problems());
                }
                case PickDecision.ConflictingReport c -> {
                    return new Result.Conflicting(c.task().outcome().orElseThrow());
                }
                case PickDecision.AlreadyReported a -> {
                    complete(a.task());
                    return new Result.Reported(orderId, a.task().outcome().orElseThrow(), true);
                }
                case PickDecision.Reported r -> {
                    if (tasks.save(r.task(), task.version(), messages.pickReported(r.task(), context))) {
                        complete(r.task());
                        return new Result.Reported(orderId, r.task().outcome().orElseThrow(), false);
                    }
                }
            }
        }
        throw new ConcurrentChangeException("the pick task");
    }

    private void complete(PickTask task) {
        callbacks.succeed(
                task.token(),
                new WorkflowCallbacks.StepResult.Picked(task.outcome().orElseThrow(), task.picked()));
    }
}
