package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.fulfillment.domain.PickLine;
import dev.asynccommerce.fulfillment.domain.PickTask;
import dev.asynccommerce.fulfillment.domain.TaskToken;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.StoreId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The workflow's {@code CREATE_PICK_TASK} step: the store gets a pick task and the workflow waits on
 * its token until the store reports.
 *
 * <ul>
 *   <li>No task yet: the open task is stored with {@code PickTaskCreated} in one transaction (the
 *       store notifier pushes it to the devices from there).
 *   <li>An open task: the same task takes the new token (a retried step, or the escalation after
 *       the picking SLA). No second {@code PickTaskCreated}; an escalation is pushed to the store's
 *       devices directly as {@code PickTaskEscalated}, since no event announces it.
 *   <li>A task reported already: the new token is answered at once with the recorded result.
 *   <li>A cancelled order: the token is failed at once with {@code Order.Cancelled}.
 * </ul>
 *
 * The task is due {@code pickingSla} after it is created; the escalation that first marks it
 * escalated gives the store a fresh SLA from then. Other calls keep the due time, so that a retried
 * step does not give the store more time. Repeating a call with the same token changes nothing (an
 * escalation is pushed again: devices recognise it).
 */
public final class CreatePickTask {
    static final int MAX_ATTEMPTS = 4;

    private final PickTasks tasks;
    private final FulfillmentMessages messages;
    private final WorkflowCallbacks callbacks;
    private final Cancellations cancellations;
    private final StoreDevices devices;
    private final Clock clock;

    public CreatePickTask(
            PickTasks tasks,
            FulfillmentMessages messages,
            WorkflowCallbacks callbacks,
            CancelledOrders cancelled,
            StoreDevices devices,
            Clock clock) {
        this.tasks = tasks;
        this.messages = messages;
        this.callbacks = callbacks;
        this.cancellations = new Cancellations(cancelled, callbacks);
        this.devices = devices;
        this.clock = clock;
    }

    /**
     * @param pickingSla how long the store has to pick, from now: the state machine knows durations,
     *     not instants
     * @param correlationId the order flow's correlation id (from {@code OrderPlaced}), carried into
     *     the task's events
     */
    public record Command(
            OrderId orderId,
            StoreId storeId,
            List<PickLine> lines,
            Duration pickingSla,
            TaskToken token,
            boolean escalated,
            String correlationId) {
        public Command {
            lines = List.copyOf(lines);
            if (pickingSla.isNegative() || pickingSla.isZero()) {
                throw new IllegalArgumentException("pickingSla must be positive");
            }
        }
    }

    public sealed interface Outcome {
        record Created(PickTask task) implements Outcome {}

        /** The open task waits on the new token; {@code escalated} when it was pushed again. */
        record Waiting(PickTask task, boolean escalated) implements Outcome {}

        /** The task had been reported: the token got the recorded result. */
        record AlreadyReported(PickTask task) implements Outcome {}

        /** The order was cancelled: the token was failed with {@code Order.Cancelled}. */
        record Cancelled() implements Outcome {}
    }

    public Outcome execute(Command command, CommandContext context) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<PickTask> found = tasks.find(command.orderId());
            if (found.isEmpty()) {
                Optional<Outcome> created = create(command, context);
                if (created.isPresent()) {
                    return created.get();
                }
                continue;
            }
            PickTask task = found.get();
            switch (task.status()) {
                case OPEN -> {
                    PickTask waiting = task.withToken(command.token(), command.escalated(), dueAt(task, command));
                    if (waiting != task && !tasks.save(waiting, task.version(), null)) {
                        continue;
                    }
                    if (command.escalated()) {
                        devices.pushToStore(new StoreMessage.PickTaskEscalated(
                                waiting.orderId(),
                                waiting.storeId(),
                                waiting.lines(),
                                waiting.createdAt(),
                                waiting.dueAt()));
                    }
                    return new Outcome.Waiting(waiting, command.escalated());
                }
                case PICKED, SHORT_PICKED -> {
                    callbacks.succeed(
                            command.token(),
                            new WorkflowCallbacks.StepResult.Picked(
                                    task.outcome().orElseThrow(), task.picked()));
                    return new Outcome.AlreadyReported(task);
                }
                case CANCELLED -> {
                    cancellations.failStep(command.orderId(), command.token());
                    return new Outcome.Cancelled();
                }
            }
        }
        throw new ConcurrentChangeException("the pick task");
    }

    private Optional<Outcome> create(Command command, CommandContext context) {
        Instant now = clock.instant();
        Instant dueAt = now.plus(command.pickingSla());
        PickTask task = PickTask.open(
                command.orderId(),
                command.storeId(),
                command.lines(),
                now,
                dueAt,
                command.token(),
                command.correlationId());
        if (command.escalated()) {
            task = task.withToken(command.token(), true, dueAt);
        }
        return switch (tasks.create(task, messages.pickTaskCreated(task, context))) {
            case CREATED -> Optional.of(new Outcome.Created(task));
            case ALREADY_EXISTS -> Optional.empty();
            case ORDER_CANCELLED -> {
                cancellations.failStep(command.orderId(), command.token());
                yield Optional.of(new Outcome.Cancelled());
            }
        };
    }

    /**
     * A fresh SLA only when this call escalates the open task; a retry (escalated or not) keeps the
     * due time the store already sees.
     */
    private Instant dueAt(PickTask task, Command command) {
        return command.escalated() && !task.escalated() ? clock.instant().plus(command.pickingSla()) : task.dueAt();
    }
}
