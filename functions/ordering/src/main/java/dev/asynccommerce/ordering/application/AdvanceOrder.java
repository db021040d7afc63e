package dev.asynccommerce.ordering.application;

import dev.asynccommerce.ordering.domain.CancellationReason;
import dev.asynccommerce.ordering.domain.Decision;
import dev.asynccommerce.ordering.domain.Order;
import dev.asynccommerce.ordering.domain.OrderStatus;
import dev.asynccommerce.ordering.domain.PickupCode;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * The order transitions the BOPIS workflow asks for (docs/bopis-workflow.md, "ordering"). A refused
 * transition is an answer, not an error: the order was cancelled meanwhile, and the workflow
 * compensates. Repeating a step (a retried task) changes nothing and answers as the first time.
 */
public final class AdvanceOrder {
    /** What the workflow asks; {@code reason} only for CANCEL, {@code pickupCode} only for COLLECT. */
    public enum Step {
        CONFIRM,
        START_PICKING,
        READY_FOR_PICKUP,
        COLLECT,
        EXPIRE,
        CANCEL
    }

    /**
     * @param applied false when the order refused the step
     * @param status where the order stands after the step
     * @param pickupCode the code to collect with, once the order is ready for pickup
     */
    public record Outcome(boolean applied, OrderStatus status, Optional<PickupCode> pickupCode) {}

    private final OrderChanges changes;
    private final Identities identities;
    private final Clock clock;

    public AdvanceOrder(OrderChanges changes, Identities identities, Clock clock) {
        this.changes = changes;
        this.identities = identities;
        this.clock = clock;
    }

    public Outcome execute(
            Step step,
            String orderId,
            Optional<CancellationReason> reason,
            Optional<PickupCode> presented,
            CommandContext context) {
        Function<Order, Decision> transition = switch (step) {
            case CONFIRM -> order -> order.confirm(clock.instant());
            case START_PICKING -> order -> order.startPicking(clock.instant());
            // A retried step must not mint a second code: an order already ready keeps its own.
            case READY_FOR_PICKUP ->
                order -> order.status() == OrderStatus.READY_FOR_PICKUP
                        ? new Decision.Unchanged(order)
                        : order.markReadyForPickup(identities.newPickupCode(), clock.instant());
            case COLLECT -> order -> order.collect(required(presented, "pickupCode", step), clock.instant());
            case EXPIRE -> order -> order.expire(clock.instant());
            case CANCEL -> order -> order.cancel(required(reason, "reason", step), clock.instant());
        };
        return outcome(changes.apply(orderId, order -> true, transition, context));
    }

    static Outcome outcome(OrderChanges.Result result) {
        return switch (result) {
            case OrderChanges.Result.Changed c -> applied(c.order());
            case OrderChanges.Result.Unchanged u -> applied(u.order());
            case OrderChanges.Result.Refused r -> new Outcome(false, r.order().status(), Optional.empty());
            case OrderChanges.Result.NotFound n -> throw new UnknownOrderException();
            case OrderChanges.Result.Contended c -> throw new OrderContendedException();
        };
    }

    private static Outcome applied(Order order) {
        return new Outcome(true, order.status(), order.visiblePickupCode());
    }

    private static <T> T required(Optional<T> value, String field, Step step) {
        return value.orElseThrow(() -> new IllegalArgumentException(step + " needs " + field));
    }

    /** The workflow names an order that does not exist: a wiring fault, never a customer's doing. */
    public static final class UnknownOrderException extends RuntimeException {
        public UnknownOrderException() {
            super("no such order");
        }
    }

    /** Other writers kept changing the order; the workflow's Retry tries again. */
    public static final class OrderContendedException extends RuntimeException {
        public OrderContendedException() {
            super("the order kept changing; try again");
        }
    }
}
