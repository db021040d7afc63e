package dev.asynccommerce.ordering.application;

import static dev.asynccommerce.ordering.domain.OrderFixtures.ORDER_ID;
import static dev.asynccommerce.ordering.domain.OrderFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynccommerce.events.EventData;
import dev.asynccommerce.events.EventJson;
import dev.asynccommerce.events.EventType;
import dev.asynccommerce.events.InvalidEventException;
import dev.asynccommerce.events.OrderConfirmed;
import dev.asynccommerce.events.PaymentAuthorized;
import dev.asynccommerce.events.PaymentCaptured;
import dev.asynccommerce.events.PaymentDeclined;
import dev.asynccommerce.events.PaymentFailed;
import dev.asynccommerce.events.PaymentRefunded;
import dev.asynccommerce.events.PaymentVoided;
import dev.asynccommerce.ordering.application.RecordPaymentActivity.Outcome;
import dev.asynccommerce.ordering.domain.CancellationReason;
import dev.asynccommerce.ordering.domain.Order;
import dev.asynccommerce.ordering.domain.OrderFixtures;
import dev.asynccommerce.ordering.domain.OrderStatus;
import dev.asynccommerce.ordering.domain.TimelineEntry;
import dev.asynccommerce.testkit.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecordPaymentActivityTest {
    private static final String ORDER = ORDER_ID.value();
    private static final Instant AT = T0.plusSeconds(30);

    private final MutableClock clock = MutableClock.at("2026-11-21T10:00:00Z");
    private final InMemoryOrderRepository orders = new InMemoryOrderRepository(clock);
    private final OrderChanges changes = new OrderChanges(orders, new OrderMessages(new SequentialIdentities()));
    private final RecordPaymentActivity record = new RecordPaymentActivity(changes);

    private static String event(String eventId, EventData data, Instant at) {
        return EventBridgeEvents.of(EventType.of(data), eventId, ORDER, 1, data, at);
    }

    private static String eventId(int n) {
        return "00000000-0000-4000-8000-%012d".formatted(n);
    }

    private Order stored() {
        return orders.find(ORDER_ID).orElseThrow();
    }

    static Stream<Arguments> everyPaymentEvent() {
        return Stream.of(
                Arguments.of(
                        new PaymentAuthorized(ORDER, "pay_7f3k", 2598, "EUR", "WALLET", 1),
                        "PaymentAuthorized",
                        "WALLET, 25.98 EUR, attempt 1"),
                Arguments.of(
                        new PaymentDeclined(ORDER, 2598, "EUR", "CARD", "SOFT", "insufficient_funds", 2),
                        "PaymentDeclined",
                        "CARD declined (soft), attempt 2"),
                Arguments.of(
                        new PaymentFailed(ORDER, 2598, "EUR", "provider timed out after 3 tries", 1),
                        "PaymentFailed",
                        "25.98 EUR not charged (technical failure), attempt 1"),
                Arguments.of(
                        new PaymentCaptured(ORDER, "pay_7f3k", 2598, "EUR"), "PaymentCaptured", "25.98 EUR captured"),
                Arguments.of(new PaymentVoided(ORDER, "pay_7f3k", 2598, "EUR"), "PaymentVoided", "25.98 EUR released"),
                Arguments.of(
                        new PaymentRefunded(ORDER, "pay_7f3k", "ref_91x", 1000, "JPY", "order cancelled by ops"),
                        "PaymentRefunded",
                        "1000 JPY refunded"));
    }

    @ParameterizedTest
    @MethodSource("everyPaymentEvent")
    void eachPaymentEventBecomesOneCustomerSafeEntryAtItsOccurredAt(EventData data, String name, String detail) {
        orders.put(OrderFixtures.confirmed());

        Outcome outcome = record.handle(event(eventId(1), data, AT));

        assertThat(outcome).isEqualTo(Outcome.RECORDED);
        assertThat(stored().timeline().getLast()).isEqualTo(new TimelineEntry(AT, name, detail, eventId(1)));
        assertThat(detail).doesNotContain("pay_7f3k", "ref_91x", "insufficient_funds", "provider", "ops");
    }

    @Test
    void itIsNotATransitionNothingIsPublishedAndTheStatusAndVersionStay() {
        Order confirmed = OrderFixtures.confirmed();
        orders.put(confirmed);

        record.handle(event(eventId(1), new PaymentAuthorized(ORDER, "pay_1", 8548, "EUR", "CARD", 1), AT));

        assertThat(orders.outbox()).isEmpty();
        assertThat(orders.notesSaved()).isEqualTo(1);
        assertThat(stored().status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(stored().version()).isEqualTo(confirmed.version());
        assertThat(stored().revision()).isEqualTo(confirmed.revision() + 1);
    }

    @Test
    void aRedeliveredEventAddsNoSecondEntry() {
        orders.put(OrderFixtures.confirmed());
        String captured = event(eventId(1), new PaymentCaptured(ORDER, "pay_1", 8548, "EUR"), AT);

        Outcome first = record.handle(captured);
        Outcome again = record.handle(captured);

        assertThat(first).isEqualTo(Outcome.RECORDED);
        assertThat(again).isEqualTo(Outcome.ALREADY_RECORDED);
        assertThat(stored().timeline())
                .filteredOn(t -> t.event().equals("PaymentCaptured"))
                .hasSize(1);
        assertThat(orders.notesSaved()).isEqualTo(1);
    }

    @Test
    void twoDeclinesThatReadTheSameAreTwoEntries() {
        orders.put(OrderFixtures.placed());
        var declined = new PaymentDeclined(ORDER, 8548, "EUR", "CARD", "SOFT", "do_not_honor", 1);

        record.handle(event(eventId(1), declined, AT));
        record.handle(event(eventId(2), declined, AT));

        assertThat(stored().timeline())
                .filteredOn(t -> t.event().equals("PaymentDeclined"))
                .extracting(TimelineEntry::sourceEventId)
                .containsExactly(eventId(1), eventId(2));
    }

    @Test
    void aVoidAfterTheOrderWasCancelledIsStillRecorded() {
        orders.put(OrderFixtures.changed(
                OrderFixtures.confirmed().cancel(CancellationReason.CUSTOMER_REQUESTED, T0.plusSeconds(5))));

        Outcome outcome = record.handle(event(eventId(1), new PaymentVoided(ORDER, "pay_1", 8548, "EUR"), AT));

        assertThat(outcome).isEqualTo(Outcome.RECORDED);
        assertThat(stored().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(stored().timeline())
                .extracting(TimelineEntry::event)
                .containsExactly("OrderPlaced", "OrderConfirmed", "OrderCancelled", "PaymentVoided");
    }

    @Test
    void anUnknownOrderIsAnAnswerNotAnError() {
        Outcome outcome = record.handle(event(eventId(1), new PaymentCaptured(ORDER, "pay_1", 8548, "EUR"), AT));

        assertThat(outcome).isEqualTo(Outcome.UNKNOWN_ORDER);
        assertThat(orders.orderCount()).isZero();
    }

    @Test
    void anotherEventTypeIsIgnored() {
        orders.put(OrderFixtures.confirmed());

        Outcome outcome = record.handle(event(eventId(1), new OrderConfirmed(ORDER, "store-001"), AT));

        assertThat(outcome).isEqualTo(Outcome.NOT_PAYMENT_ACTIVITY);
        assertThat(stored()).isEqualTo(OrderFixtures.confirmed());
    }

    @Test
    void anInvalidEventIsRefusedAndChangesNothing() {
        orders.put(OrderFixtures.confirmed());
        String valid = event(eventId(1), new PaymentCaptured(ORDER, "pay_1", 8548, "EUR"), AT);
        String wrongSource = valid.replace("\"commerce.payments\"", "\"commerce.ordering\"");
        String negativeAmount = valid.replace("\"amountCents\":8548", "\"amountCents\":-1");

        assertThat(negativeAmount).isNotEqualTo(valid);
        for (String invalid : List.of(wrongSource, negativeAmount, "{}", "not json")) {
            assertThatThrownBy(() -> record.handle(invalid)).isInstanceOf(InvalidEventException.class);
        }
        assertThat(stored()).isEqualTo(OrderFixtures.confirmed());
    }

    @Test
    void aConcurrentWriterMakesItReloadAndTryAgain() {
        orders.put(OrderFixtures.confirmed());
        orders.simulateConflicts(OrderChanges.MAX_ATTEMPTS - 1);

        Outcome outcome = record.handle(event(eventId(1), new PaymentCaptured(ORDER, "pay_1", 8548, "EUR"), AT));

        assertThat(outcome).isEqualTo(Outcome.RECORDED);
        assertThat(stored().timeline().getLast().event()).isEqualTo("PaymentCaptured");
    }

    @Test
    void anOrderThatKeepsChangingFailsTheDeliverySoItIsRetried() {
        orders.put(OrderFixtures.confirmed());
        orders.simulateConflicts(OrderChanges.MAX_ATTEMPTS);

        assertThatThrownBy(() -> record.handle(event(eventId(1), new PaymentCaptured(ORDER, "pay_1", 8548, "EUR"), AT)))
                .isInstanceOf(AdvanceOrder.OrderContendedException.class);
        assertThat(stored()).isEqualTo(OrderFixtures.confirmed());
    }

    @Test
    void theNextOrderEventFollowsTheLastOneWithoutAGap() {
        orders.put(OrderFixtures.placed());
        record.handle(event(eventId(1), new PaymentAuthorized(ORDER, "pay_1", 8548, "EUR", "CARD", 1), AT));

        var result = changes.apply(
                ORDER,
                order -> true,
                order -> order.confirm(AT.plusSeconds(1)),
                new CommandContext("corr-1", "workflow:CONFIRM", null));

        assertThat(result).isInstanceOf(OrderChanges.Result.Changed.class);
        var confirmed = orders.outbox().getFirst();
        assertThat(EventJson.read(confirmed.detailType(), confirmed.detailJson())
                        .metadata()
                        .sequence())
                .isEqualTo(2);
    }

    @Test
    void amountsUseTheCurrencysOwnMinorUnits() {
        assertThat(RecordPaymentActivity.amount(2598, "EUR")).isEqualTo("25.98 EUR");
        assertThat(RecordPaymentActivity.amount(5, "EUR")).isEqualTo("0.05 EUR");
        assertThat(RecordPaymentActivity.amount(2598, "JPY")).isEqualTo("2598 JPY");
        assertThat(RecordPaymentActivity.amount(2598, "KWD")).isEqualTo("2.598 KWD");
        assertThat(RecordPaymentActivity.amount(2598, "ZZQ")).isEqualTo("25.98 ZZQ");
    }
}
