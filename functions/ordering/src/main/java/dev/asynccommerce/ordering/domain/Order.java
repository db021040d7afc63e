package dev.asynccommerce.ordering.domain;

import static dev.asynccommerce.ordering.domain.OrderStatus.CANCELLED;
import static dev.asynccommerce.ordering.domain.OrderStatus.COLLECTED;
import static dev.asynccommerce.ordering.domain.OrderStatus.CONFIRMED;
import static dev.asynccommerce.ordering.domain.OrderStatus.EXPIRED;
import static dev.asynccommerce.ordering.domain.OrderStatus.PAYMENT_FAILED;
import static dev.asynccommerce.ordering.domain.OrderStatus.PENDING_PAYMENT;
import static dev.asynccommerce.ordering.domain.OrderStatus.PICKING;
import static dev.asynccommerce.ordering.domain.OrderStatus.READY_FOR_PICKUP;

import dev.asynccommerce.kernel.CustomerId;
import dev.asynccommerce.kernel.Money;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.StoreId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A customer's order for pickup at one store, and the only place its status changes.
 *
 * <p>Immutable: every transition returns a {@link Decision} holding the next version of the order
 * and the event that records the change, or the reason it was refused. An order can be rebuilt from
 * storage with the canonical constructor, which checks the invariants that hold in every status.
 *
 * @param accessDigest the digest of the bearer token that lets the customer read and change this
 *     order; opaque to the domain
 * @param version how many events the order has published: each transition's event carries the
 *     version after it as its {@code sequence}, which consumers read as gap-free
 * @param revision how many times the order was written: every transition and every {@link #note}
 *     moves it on, and stores check it for concurrent writers. Kept apart from {@code version} so a
 *     note, which publishes nothing, leaves no gap in the published sequence; never below {@code
 *     version}
 */
public record Order(
        OrderId id,
        CustomerId customerId,
        CustomerContact contact,
        StoreId storeId,
        List<OrderLine> lines,
        List<PaymentMethod> paymentMethods,
        int paymentAttempt,
        OrderStatus status,
        PickupCode pickupCode,
        String accessDigest,
        List<TimelineEntry> timeline,
        long version,
        long revision) {

    public static final int MAX_LINES = 50;
    public static final int MAX_PAYMENT_METHODS = 5;

    private static final Set<OrderStatus> CANCELLABLE =
            Set.of(PENDING_PAYMENT, PAYMENT_FAILED, CONFIRMED, PICKING, READY_FOR_PICKUP);

    public Order {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(accessDigest, "accessDigest");
        lines = List.copyOf(lines);
        paymentMethods = List.copyOf(paymentMethods);
        timeline = List.copyOf(timeline);
        if (lines.isEmpty() || lines.size() > MAX_LINES) {
            throw new IllegalArgumentException("an order has 1.." + MAX_LINES + " lines");
        }
        if (paymentMethods.isEmpty() || paymentMethods.size() > MAX_PAYMENT_METHODS) {
            throw new IllegalArgumentException("an order has 1.." + MAX_PAYMENT_METHODS + " payment methods");
        }
        if (lines.stream().map(l -> l.unitPrice().currency()).distinct().count() != 1) {
            throw new IllegalArgumentException("an order is priced in one currency");
        }
        if ((status == READY_FOR_PICKUP || status == COLLECTED) && pickupCode == null) {
            throw new IllegalArgumentException("an order ready for pickup has a pickup code");
        }
        if (paymentAttempt < 1 || version < 1) {
            throw new IllegalArgumentException("payment attempt and version start at 1");
        }
        if (revision < version) {
            throw new IllegalArgumentException("every version is a revision: revision >= version");
        }
    }

    /**
     * Places a new order: {@code PENDING_PAYMENT}, version 1. Refused when the lines are priced in
     * more than one currency, since one payment cannot cover them.
     */
    public static Decision place(
            OrderId id,
            CustomerId customerId,
            CustomerContact contact,
            StoreId storeId,
            List<OrderLine> lines,
            List<PaymentMethod> paymentMethods,
            String accessDigest,
            Instant now) {
        if (lines.stream().map(l -> l.unitPrice().currency()).distinct().count() > 1) {
            return new Decision.Refused(
                    new Refusal(Refusal.Reason.MIXED_CURRENCIES, "the items are priced in more than one currency"));
        }
        Order order = new Order(
                id,
                customerId,
                contact,
                storeId,
                lines,
                paymentMethods,
                1,
                PENDING_PAYMENT,
                null,
                accessDigest,
                List.of(new TimelineEntry(now, "OrderPlaced", null)),
                1,
                1);
        return new Decision.Changed(
                order,
                new OrderEvent.Placed(id, customerId, storeId, order.lines, order.total(), order.paymentMethods, now));
    }

    public Money total() {
        Money total = Money.zero(lines.getFirst().unitPrice().currency());
        for (OrderLine line : lines) {
            total = total.plus(line.total());
        }
        return total;
    }

    /** The pickup code, once the order is ready for pickup. */
    public Optional<PickupCode> visiblePickupCode() {
        return status == READY_FOR_PICKUP ? Optional.of(pickupCode) : Optional.empty();
    }

    /** Payment authorized and stock reserved: the store may start on it. */
    public Decision confirm(Instant now) {
        return switch (status) {
            case PENDING_PAYMENT -> changed(CONFIRMED, now, null, new OrderEvent.Confirmed(id, storeId, now));
            case CONFIRMED -> new Decision.Unchanged(this);
            default -> refuse("confirm");
        };
    }

    /** Every payment method failed; the order waits for new ones or expires. */
    public Decision failPayment(String reason, Instant now) {
        return switch (status) {
            case PENDING_PAYMENT -> changed(PAYMENT_FAILED, now, reason, new OrderEvent.PaymentFailed(id, reason, now));
            case PAYMENT_FAILED -> new Decision.Unchanged(this);
            default -> refuse("fail the payment of");
        };
    }

    /** New payment methods after a failed payment: the same order tries again, no new checkout. */
    public Decision replacePaymentMethods(List<PaymentMethod> methods, Instant now) {
        if (status != PAYMENT_FAILED) {
            return refuse("change the payment methods of");
        }
        int attempt = paymentAttempt + 1;
        Order next = next(
                PENDING_PAYMENT, methods, attempt, pickupCode, now, "OrderPaymentMethodsUpdated", "attempt " + attempt);
        return new Decision.Changed(next, new OrderEvent.PaymentMethodsUpdated(id, next.paymentMethods, attempt, now));
    }

    /** The store has the pick task. */
    public Decision startPicking(Instant now) {
        return switch (status) {
            case CONFIRMED -> changed(PICKING, now, null, new OrderEvent.PickingStarted(id, storeId, now));
            case PICKING -> new Decision.Unchanged(this);
            default -> refuse("start picking");
        };
    }

    /** Picked and waiting at the store; the customer collects it with {@code code}. */
    public Decision markReadyForPickup(PickupCode code, Instant now) {
        if (status == READY_FOR_PICKUP && pickupCode.matches(code)) {
            return new Decision.Unchanged(this);
        }
        if (status != PICKING) {
            return refuse("mark ready for pickup");
        }
        Order next = next(READY_FOR_PICKUP, paymentMethods, paymentAttempt, code, now, "OrderReadyForPickup", null);
        return new Decision.Changed(next, new OrderEvent.ReadyForPickup(id, storeId, code, now));
    }

    /** The customer showed {@code presented} at the store; only the right code hands the order over. */
    public Decision collect(PickupCode presented, Instant now) {
        if (status == COLLECTED && pickupCode.matches(presented)) {
            return new Decision.Unchanged(this);
        }
        if (status != READY_FOR_PICKUP) {
            return refuse("collect");
        }
        if (!pickupCode.matches(presented)) {
            return new Decision.Refused(
                    new Refusal(Refusal.Reason.WRONG_PICKUP_CODE, "the pickup code does not match"));
        }
        return changed(COLLECTED, now, null, new OrderEvent.Collected(id, storeId, now));
    }

    /**
     * Cancels the order while it has not ended. The order is {@code CANCELLED} at once; releasing
     * stock and voiding or refunding payment follow from the event.
     */
    public Decision cancel(CancellationReason reason, Instant now) {
        if (status == CANCELLED) {
            return new Decision.Unchanged(this);
        }
        if (!CANCELLABLE.contains(status)) {
            return refuse("cancel");
        }
        return changed(CANCELLED, now, reason.name(), new OrderEvent.Cancelled(id, storeId, reason, status, now));
    }

    /** The pickup window or the payment retry window passed. */
    public Decision expire(Instant now) {
        return switch (status) {
            case READY_FOR_PICKUP, PAYMENT_FAILED ->
                changed(EXPIRED, now, null, new OrderEvent.Expired(id, storeId, status, now));
            case EXPIRED -> new Decision.Unchanged(this);
            default -> refuse("expire");
        };
    }

    /**
     * Notes on the timeline something another context did for this order, such as a payment
     * authorized or voided. Not a transition: the status stays, nothing is published, and the note
     * is taken in every status, ended ones included (a void follows a cancel).
     *
     * <p>The entry sits in time order, after every entry at or before its instant, since it may
     * arrive after later steps (the confirmation that an authorization led to). Noting an entry
     * whose {@code sourceEventId} is already on the timeline is {@link Decision.Unchanged}: that is
     * how a redelivered event is told apart from a new one (see {@link TimelineEntry}).
     *
     * @throws IllegalArgumentException if the entry has no {@code sourceEventId}
     */
    public Decision note(TimelineEntry entry) {
        if (entry.sourceEventId() == null) {
            throw new IllegalArgumentException("a noted entry names the event it records");
        }
        if (timeline.stream().anyMatch(t -> entry.sourceEventId().equals(t.sourceEventId()))) {
            return new Decision.Unchanged(this);
        }
        List<TimelineEntry> steps = new ArrayList<>(timeline);
        int position = steps.size();
        while (position > 0 && steps.get(position - 1).at().isAfter(entry.at())) {
            position--;
        }
        steps.add(position, entry);
        return new Decision.Noted(new Order(
                id,
                customerId,
                contact,
                storeId,
                lines,
                paymentMethods,
                paymentAttempt,
                status,
                pickupCode,
                accessDigest,
                steps,
                version,
                revision + 1));
    }

    private Decision changed(OrderStatus status, Instant now, String detail, OrderEvent event) {
        return new Decision.Changed(
                next(status, paymentMethods, paymentAttempt, pickupCode, now, event.name(), detail), event);
    }

    /** The next version of this order: what changed, and one more step on the timeline. */
    private Order next(
            OrderStatus status,
            List<PaymentMethod> methods,
            int attempt,
            PickupCode code,
            Instant now,
            String event,
            String detail) {
        List<TimelineEntry> steps = new ArrayList<>(timeline);
        steps.add(new TimelineEntry(now, event, detail));
        return new Order(
                id,
                customerId,
                contact,
                storeId,
                lines,
                methods,
                attempt,
                status,
                code,
                accessDigest,
                steps,
                version + 1,
                revision + 1);
    }

    private Decision refuse(String transition) {
        return new Decision.Refused(status.hasEnded() ? Refusal.ended(status) : Refusal.illegal(status, transition));
    }
}
