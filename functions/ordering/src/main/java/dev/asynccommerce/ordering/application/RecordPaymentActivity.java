package dev.asynccommerce.ordering.application;

import dev.asynccommerce.events.EventData;
import dev.asynccommerce.events.EventDetail;
import dev.asynccommerce.events.EventJson;
import dev.asynccommerce.events.PaymentAuthorized;
import dev.asynccommerce.events.PaymentCaptured;
import dev.asynccommerce.events.PaymentDeclined;
import dev.asynccommerce.events.PaymentFailed;
import dev.asynccommerce.events.PaymentRefunded;
import dev.asynccommerce.events.PaymentVoided;
import dev.asynccommerce.ordering.domain.TimelineEntry;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;

/**
 * Shows the payments context's activity on the order's public timeline: each {@code
 * PaymentAuthorized}, {@code PaymentDeclined}, {@code PaymentFailed}, {@code PaymentCaptured},
 * {@code PaymentVoided} and {@code PaymentRefunded} becomes one entry named after its detail-type,
 * at the event's {@code occurredAt}, with a short text for the customer: the method type, amount,
 * attempt or decline kind, never a token, payment id, provider code or operator reason.
 *
 * <p>Not a transition: the order's status and version stay, nothing is published; the order is
 * still written under its revision, so a concurrent writer makes it reload and try again. Payment
 * activity after the order ended (a void after a cancel) is recorded like any other.
 *
 * <p>Idempotent on the event's {@code eventId}, kept on the entry itself ({@link
 * TimelineEntry#sourceEventId()}): a redelivery finds it there and changes nothing. The id, not the
 * entry's content, is the key because two distinct events can read the same (two cards of one
 * attempt declined within the same millisecond), and because a reworded text would make a
 * redelivery look new. The check and the write cannot race: the write is conditional on the
 * revision that was checked, and a second delivery that loses the race reloads and finds the id.
 */
public final class RecordPaymentActivity {
    /** What one event did to the timeline; every outcome is an answer, none is retried. */
    public enum Outcome {
        RECORDED,
        /** The same event (eventId) was recorded before: a redelivery. */
        ALREADY_RECORDED,
        /** No such order: logged by the caller and dropped, since no retry would make one appear. */
        UNKNOWN_ORDER,
        /** Not payment activity: the rule sent something this use case does not show. */
        NOT_PAYMENT_ACTIVITY
    }

    private final OrderChanges changes;

    public RecordPaymentActivity(OrderChanges changes) {
        this.changes = changes;
    }

    /**
     * @param eventBridgeEventJson the whole EventBridge event, as a rule delivers it
     * @throws dev.asynccommerce.events.InvalidEventException if it is not a valid commerce event
     * @throws AdvanceOrder.OrderContendedException if other writers kept changing the order; the
     *     delivery is retried
     */
    public Outcome handle(String eventBridgeEventJson) {
        EventDetail<? extends EventData> event = EventJson.readEventBridgeEvent(eventBridgeEventJson);
        Optional<Note> note = note(event.data());
        if (note.isEmpty()) {
            return Outcome.NOT_PAYMENT_ACTIVITY;
        }
        TimelineEntry entry = new TimelineEntry(
                event.metadata().occurredAt(),
                event.type().detailType(),
                note.get().detail(),
                event.metadata().eventId());
        // Nothing is published, so the context only names where the note came from.
        CommandContext context = new CommandContext(
                event.metadata().correlationId(), event.metadata().eventId(), null);
        return switch (changes.apply(note.get().orderId(), order -> true, order -> order.note(entry), context)) {
            case OrderChanges.Result.Changed c -> Outcome.RECORDED;
            case OrderChanges.Result.Unchanged u -> Outcome.ALREADY_RECORDED;
            case OrderChanges.Result.NotFound n -> Outcome.UNKNOWN_ORDER;
            case OrderChanges.Result.Contended c -> throw new AdvanceOrder.OrderContendedException();
            case OrderChanges.Result.Refused r ->
                throw new IllegalStateException("an order never refuses a note: " + r.refusal());
        };
    }

    private record Note(String orderId, String detail) {}

    private static Optional<Note> note(EventData data) {
        return Optional.ofNullable(
                switch (data) {
                    case PaymentAuthorized a ->
                        new Note(
                                a.orderId(),
                                "%s, %s, attempt %d"
                                        .formatted(a.methodType(), amount(a.amountCents(), a.currency()), a.attempt()));
                    case PaymentDeclined d ->
                        new Note(
                                d.orderId(),
                                "%s declined (%s), attempt %d"
                                        .formatted(
                                                d.methodType(), d.declineKind().toLowerCase(Locale.ROOT), d.attempt()));
                    // The reason is for operators: the customer learns only that it was not their method.
                    case PaymentFailed f ->
                        new Note(
                                f.orderId(),
                                "%s not charged (technical failure), attempt %d"
                                        .formatted(amount(f.amountCents(), f.currency()), f.attempt()));
                    case PaymentCaptured c ->
                        new Note(c.orderId(), amount(c.amountCents(), c.currency()) + " captured");
                    case PaymentVoided v -> new Note(v.orderId(), amount(v.amountCents(), v.currency()) + " released");
                    case PaymentRefunded r ->
                        new Note(r.orderId(), amount(r.amountCents(), r.currency()) + " refunded");
                    default -> null;
                });
    }

    /** {@code 2598, "EUR"} → {@code "25.98 EUR"}: the currency's own minor units, two if it has none. */
    static String amount(long minorUnits, String currencyCode) {
        int digits;
        try {
            digits = Currency.getInstance(currencyCode).getDefaultFractionDigits();
        } catch (IllegalArgumentException unknownToTheJdk) {
            digits = -1;
        }
        return BigDecimal.valueOf(minorUnits, digits < 0 ? 2 : digits).toPlainString() + " " + currencyCode;
    }
}
