package dev.asynccommerce.notifications.application;

import static dev.asynccommerce.notifications.application.OrderEventFixtures.CORRELATION_ID;
import static dev.asynccommerce.notifications.application.OrderEventFixtures.ORDER_ID;
import static dev.asynccommerce.notifications.application.OrderEventFixtures.eventBridgeEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.events.OrderCancelled;
import dev.asynccommerce.events.OrderCollected;
import dev.asynccommerce.events.OrderConfirmed;
import dev.asynccommerce.events.OrderExpired;
import dev.asynccommerce.events.OrderPaymentFailed;
import dev.asynccommerce.events.OrderReadyForPickup;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.notifications.domain.CancellationReason;
import dev.asynccommerce.notifications.domain.NotificationKey;
import dev.asynccommerce.notifications.domain.Occasion;
import org.junit.jupiter.api.Test;

class OrderEventsTest {
    private static final String EVENT_ID = "cff275db-a0c1-4a31-aa30-8c8ae43836ed";
    private static final OrderId ORDER = new OrderId(ORDER_ID);
    private static final StoreId STORE = new StoreId("store-001");

    private final OrderEvents orderEvents = new OrderEvents();

    private Occasion occasionOf(String json) {
        OrderEvents.Read read = orderEvents.read(json, "Root=1-abc");
        assertThat(read).isInstanceOf(OrderEvents.Read.Notify.class);
        OrderEvents.Read.Notify notify = (OrderEvents.Read.Notify) read;
        assertThat(notify.trigger())
                .isEqualTo(new Trigger(NotificationKey.forEvent(EVENT_ID), CORRELATION_ID, EVENT_ID, "Root=1-abc"));
        return notify.occasion();
    }

    @Test
    void readsEachOrderEventIntoItsOccasion() {
        assertThat(occasionOf(eventBridgeEvent(new OrderConfirmed(ORDER_ID, "store-001"), EVENT_ID)))
                .isEqualTo(new Occasion.OrderConfirmed(ORDER, STORE));
        Occasion ready =
                occasionOf(eventBridgeEvent(new OrderReadyForPickup(ORDER_ID, "store-001", "048213"), EVENT_ID));
        assertThat(ready).isInstanceOf(Occasion.ReadyForPickup.class);
        assertThat(((Occasion.ReadyForPickup) ready).pickupCode().value()).isEqualTo("048213");
        assertThat(occasionOf(
                        eventBridgeEvent(new OrderCancelled(ORDER_ID, "store-001", "SHORT_PICK", "PICKING"), EVENT_ID)))
                .isEqualTo(new Occasion.Cancelled(ORDER, STORE, CancellationReason.SHORT_PICK));
        assertThat(occasionOf(
                        eventBridgeEvent(new OrderPaymentFailed(ORDER_ID, "all payment methods declined"), EVENT_ID)))
                .isEqualTo(new Occasion.PaymentFailed(ORDER));
    }

    @Test
    void anExpiryTellsWhetherTheOrderWaitedForPaymentOrForPickup() {
        assertThat(occasionOf(eventBridgeEvent(new OrderExpired(ORDER_ID, "store-001", "READY_FOR_PICKUP"), EVENT_ID)))
                .isEqualTo(new Occasion.Expired(ORDER, STORE, false));
        assertThat(occasionOf(eventBridgeEvent(new OrderExpired(ORDER_ID, "store-001", "PAYMENT_FAILED"), EVENT_ID)))
                .isEqualTo(new Occasion.Expired(ORDER, STORE, true));
    }

    @Test
    void anotherValidCommerceEventIsNotOurs() {
        assertThat(orderEvents.read(eventBridgeEvent(new OrderCollected(ORDER_ID, "store-001"), EVENT_ID), null))
                .isEqualTo(new OrderEvents.Read.NotOurs("OrderCollected"));
    }

    @Test
    void anEventThatBreaksTheSchemaIsInvalidWithProblemsThatQuoteNoValues() {
        String json = eventBridgeEvent(new OrderReadyForPickup(ORDER_ID, "store-001", "048213"), EVENT_ID)
                .replace("\"048213\"", "\"48213x\"");

        OrderEvents.Read read = orderEvents.read(json, null);

        assertThat(read).isInstanceOf(OrderEvents.Read.Invalid.class);
        assertThat(((OrderEvents.Read.Invalid) read).problems())
                .isNotEmpty()
                .anySatisfy(p -> assertThat(p).contains("pickupCode"))
                .allSatisfy(p -> assertThat(p).doesNotContain("48213x"));
    }

    @Test
    void aSourceThatIsNotTheEventsOwnIsInvalid() {
        String json = eventBridgeEvent(new OrderConfirmed(ORDER_ID, "store-001"), EVENT_ID)
                .replace("commerce.ordering", "commerce.payments");

        assertThat(orderEvents.read(json, null)).isInstanceOf(OrderEvents.Read.Invalid.class);
    }

    @Test
    void malformedOrMissingInputIsInvalid() {
        assertThat(orderEvents.read("{not json", null)).isInstanceOf(OrderEvents.Read.Invalid.class);
        assertThat(orderEvents.read("", null)).isInstanceOf(OrderEvents.Read.Invalid.class);
        assertThat(orderEvents.read(null, null)).isInstanceOf(OrderEvents.Read.Invalid.class);
        assertThat(orderEvents.read("[]", null)).isInstanceOf(OrderEvents.Read.Invalid.class);
    }
}
