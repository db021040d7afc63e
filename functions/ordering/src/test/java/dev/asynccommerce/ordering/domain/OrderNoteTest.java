package dev.asynccommerce.ordering.domain;

import static dev.asynccommerce.ordering.domain.OrderFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Notes: another context's activity on the order's timeline, outside its status machine. */
class OrderNoteTest {
    private static final String EVENT_1 = "8c6f3a52-0d1e-4b7a-9f21-3e5d7c9a1b01";
    private static final String EVENT_2 = "8c6f3a52-0d1e-4b7a-9f21-3e5d7c9a1b02";

    private static TimelineEntry authorized(Instant at, String eventId) {
        return new TimelineEntry(at, "PaymentAuthorized", "CARD, 85.48 EUR, attempt 1", eventId);
    }

    private static Order noted(Decision decision) {
        if (decision instanceof Decision.Noted noted) {
            return noted.order();
        }
        throw new AssertionError("expected a note, got " + decision);
    }

    @Test
    void aNoteAddsOneEntryAndANewRevisionButKeepsStatusAndVersion() {
        Order confirmed = OrderFixtures.confirmed();

        Order order = noted(confirmed.note(authorized(T0.plusSeconds(5), EVENT_1)));

        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(order.version()).isEqualTo(confirmed.version());
        assertThat(order.revision()).isEqualTo(confirmed.revision() + 1);
        assertThat(order.timeline().getLast()).isEqualTo(authorized(T0.plusSeconds(5), EVENT_1));
        assertThat(order.timeline()).hasSize(confirmed.timeline().size() + 1);
    }

    @Test
    void theSameSourceEventAgainChangesNothing() {
        Order once = noted(OrderFixtures.placed().note(authorized(T0.plusSeconds(1), EVENT_1)));

        Decision again = once.note(authorized(T0.plusSeconds(1), EVENT_1));

        assertThat(again).isEqualTo(new Decision.Unchanged(once));
    }

    @Test
    void twoEventsThatReadTheSameAreBothNoted() {
        Order first = noted(OrderFixtures.placed().note(authorized(T0.plusSeconds(1), EVENT_1)));

        Order both = noted(first.note(authorized(T0.plusSeconds(1), EVENT_2)));

        assertThat(both.timeline()).extracting(TimelineEntry::sourceEventId).containsExactly(null, EVENT_1, EVENT_2);
    }

    @Test
    void aLateNoteTakesItsPlaceInTimeAfterEntriesOfTheSameInstant() {
        Order picking = OrderFixtures.picking(); // placed T0, confirmed T0+1, picking T0+2

        Order order = noted(picking.note(authorized(T0.plusSeconds(1), EVENT_1)));

        assertThat(order.timeline())
                .extracting(TimelineEntry::event)
                .containsExactly("OrderPlaced", "OrderConfirmed", "PaymentAuthorized", "OrderPickingStarted");
    }

    @Test
    void anEndedOrderStillTakesNotes() {
        Order cancelled = OrderFixtures.changed(
                OrderFixtures.confirmed().cancel(CancellationReason.CUSTOMER_REQUESTED, T0.plusSeconds(2)));
        TimelineEntry voided = new TimelineEntry(T0.plusSeconds(3), "PaymentVoided", "85.48 EUR released", EVENT_1);

        Order order = noted(cancelled.note(voided));

        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.timeline().getLast()).isEqualTo(voided);
    }

    @Test
    void transitionsAfterNotesKeepTheVersionGapFreeAndMoveTheRevision() {
        Order placed = OrderFixtures.placed();
        Order noted = noted(placed.note(authorized(T0.plusSeconds(1), EVENT_1)));

        Decision confirmed = noted.confirm(T0.plusSeconds(2));

        assertThat(confirmed).isInstanceOfSatisfying(Decision.Changed.class, c -> {
            assertThat(c.order().version()).isEqualTo(2);
            assertThat(c.order().revision()).isEqualTo(3);
            assertThat(c.order().timeline())
                    .extracting(TimelineEntry::event)
                    .containsExactly("OrderPlaced", "PaymentAuthorized", "OrderConfirmed");
        });
    }

    @Test
    void aNoteMustNameTheEventItRecordsAndARevisionIsNeverBehindTheVersion() {
        Order placed = OrderFixtures.placed();

        assertThatThrownBy(() -> placed.note(new TimelineEntry(T0, "PaymentAuthorized", "x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Order(
                        placed.id(),
                        placed.customerId(),
                        placed.contact(),
                        placed.storeId(),
                        placed.lines(),
                        placed.paymentMethods(),
                        1,
                        placed.status(),
                        null,
                        placed.accessDigest(),
                        placed.timeline(),
                        2,
                        1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("revision");
    }
}
