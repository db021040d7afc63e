package dev.asynccommerce.ordering.application;

import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.ordering.domain.Decision;
import dev.asynccommerce.ordering.domain.Order;
import dev.asynccommerce.ordering.domain.Refusal;
import java.util.Optional;
import java.util.function.Function;

/**
 * Loads an order, asks it for a transition and stores the result with its event (a note, without
 * one), retrying when another writer changed the order in between (optimistic concurrency on the
 * revision).
 */
public final class OrderChanges {
    /** Conflicts come from a few actors racing on one order; a handful of tries settles them. */
    static final int MAX_ATTEMPTS = 4;

    private final OrderRepository orders;
    private final OrderMessages messages;

    public OrderChanges(OrderRepository orders, OrderMessages messages) {
        this.orders = orders;
        this.messages = messages;
    }

    public sealed interface Result {
        /** A new revision is stored: a transition with its event, or a note without one. */
        record Changed(Order order) implements Result {}

        record Unchanged(Order order) implements Result {}

        record Refused(Order order, Refusal refusal) implements Result {}

        /** No such order, or the caller may not see it: the two are deliberately the same answer. */
        record NotFound() implements Result {}

        /** Still conflicting after every attempt; the caller may retry. */
        record Contended() implements Result {}
    }

    /** A change the customer asks for, allowed only with the order's token. */
    public Result applyWithToken(
            String rawOrderId, String token, Function<Order, Decision> transition, CommandContext context) {
        return apply(rawOrderId, order -> OrderAccess.permits(order, token), transition, context);
    }

    public Result apply(
            String rawOrderId,
            java.util.function.Predicate<Order> mayChange,
            Function<Order, Decision> transition,
            CommandContext context) {
        if (!OrderId.isValid(rawOrderId)) {
            return new Result.NotFound();
        }
        OrderId id = new OrderId(rawOrderId);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<Order> found = orders.find(id).filter(mayChange);
            if (found.isEmpty()) {
                return new Result.NotFound();
            }
            Order current = found.get();
            switch (transition.apply(current)) {
                case Decision.Unchanged u -> {
                    return new Result.Unchanged(u.order());
                }
                case Decision.Refused r -> {
                    return new Result.Refused(current, r.refusal());
                }
                case Decision.Changed c -> {
                    OutboxMessage message = messages.of(c.event(), c.order().version(), context);
                    if (orders.save(c.order(), current.revision(), message)
                            instanceof OrderRepository.SaveResult.Saved) {
                        return new Result.Changed(c.order());
                    }
                }
                case Decision.Noted n -> {
                    if (orders.saveNote(n.order(), current.revision()) instanceof OrderRepository.SaveResult.Saved) {
                        return new Result.Changed(n.order());
                    }
                }
            }
        }
        return new Result.Contended();
    }
}
