package dev.asynccommerce.notifications.application;

import static dev.asynccommerce.notifications.application.OrderEventFixtures.ORDER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynccommerce.events.CustomerNotified;
import dev.asynccommerce.events.EventDetail;
import dev.asynccommerce.events.EventJson;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.notifications.domain.Channel;
import dev.asynccommerce.notifications.domain.NotificationType;
import dev.asynccommerce.notifications.domain.Occasion;
import dev.asynccommerce.notifications.domain.PickupCode;
import dev.asynccommerce.testkit.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NotifyCustomerTest {
    private static final OrderId ORDER = new OrderId(ORDER_ID);
    private static final Occasion READY =
            new Occasion.ReadyForPickup(ORDER, new StoreId("store-001"), new PickupCode("048213"));
    private static final String EVENT_ID = "cff275db-a0c1-4a31-aa30-8c8ae43836ed";

    private final MutableClock clock = MutableClock.at("2026-11-21T09:10:43Z");
    private final InMemoryCustomerContacts contacts =
            new InMemoryCustomerContacts().with(ORDER_ID, "c-123", "ana@example.com");
    private final InMemoryNotificationSender sender = new InMemoryNotificationSender();
    private final NotifyCustomer notifyCustomer = new NotifyCustomer(contacts, sender, clock);

    @Test
    void sendsTheMessageToTheOrdersCustomerWithACustomerNotifiedEvent() {
        NotifyCustomer.Outcome outcome =
                notifyCustomer.execute(READY, Trigger.orderEvent(EVENT_ID, "corr-1", "Root=1-abc"));

        assertThat(outcome).isInstanceOf(NotifyCustomer.Outcome.Sent.class);
        assertThat(sender.sent()).hasSize(1);
        InMemoryNotificationSender.Sent sent = sender.sent().getFirst();
        assertThat(sent.notification().recipient().value()).isEqualTo("ana@example.com");
        assertThat(sent.notification().customerId().value()).isEqualTo("c-123");
        assertThat(sent.notification().channel()).isEqualTo(Channel.EMAIL);
        assertThat(sent.notification().type()).isEqualTo(NotificationType.READY_FOR_PICKUP);
        assertThat(sent.notification().message().body()).contains("048213");
        assertThat(sent.notification().sentAt()).isEqualTo(Instant.parse("2026-11-21T09:10:43Z"));
        assertThat(sent.notification().key().value()).isEqualTo("EVENT#" + EVENT_ID);

        EventDetail<?> event = EventJson.read("CustomerNotified", sent.event().detailJson());
        assertThat(event.data()).isEqualTo(new CustomerNotified(ORDER_ID, "c-123", "READY_FOR_PICKUP", "EMAIL"));
        assertThat(event.metadata().eventId())
                .isEqualTo(sent.notification().eventId())
                .isEqualTo(((NotifyCustomer.Outcome.Sent) outcome).eventId());
        assertThat(event.metadata().correlationId()).isEqualTo("corr-1");
        assertThat(event.metadata().causationId()).isEqualTo(EVENT_ID);
        assertThat(event.metadata().aggregateId()).isEqualTo(ORDER_ID);
        assertThat(event.metadata().occurredAt()).isEqualTo(Instant.parse("2026-11-21T09:10:43Z"));
        assertThat(sent.event().source()).isEqualTo("commerce.notifications");
        assertThat(sent.event().detailType()).isEqualTo("CustomerNotified");
        assertThat(sent.event().traceHeader()).isEqualTo("Root=1-abc");
    }

    @Test
    void theEventCarriesNeitherTheAddressNorTheText() {
        notifyCustomer.execute(READY, Trigger.orderEvent(EVENT_ID, "corr-1", null));

        String json = sender.sent().getFirst().event().detailJson();
        assertThat(json).doesNotContain("ana@").doesNotContain("example.com").doesNotContain("048213");
    }

    @Test
    void theSameEventDeliveredTwiceNotifiesOnceWithTheSameEventId() {
        NotifyCustomer.Outcome first = notifyCustomer.execute(READY, Trigger.orderEvent(EVENT_ID, "corr-1", null));
        clock.advance(java.time.Duration.ofMinutes(5));
        NotifyCustomer.Outcome second = notifyCustomer.execute(READY, Trigger.orderEvent(EVENT_ID, "corr-1", null));

        assertThat(first).isInstanceOf(NotifyCustomer.Outcome.Sent.class);
        assertThat(second).isEqualTo(new NotifyCustomer.Outcome.AlreadySent(NotificationType.READY_FOR_PICKUP));
        assertThat(sender.sent()).hasSize(1);
        assertThat(NotificationEvents.eventId(
                        ORDER, Trigger.orderEvent(EVENT_ID, "c", null).key()))
                .isEqualTo(((NotifyCustomer.Outcome.Sent) first).eventId());
    }

    @Test
    void differentEventsOfOneOrderEachNotify() {
        notifyCustomer.execute(new Occasion.PaymentFailed(ORDER), Trigger.orderEvent(EVENT_ID, "corr-1", null));
        notifyCustomer.execute(
                new Occasion.PaymentFailed(ORDER),
                Trigger.orderEvent("f91324a2-541f-45e1-b90d-1a758b19de17", "corr-1", null));

        assertThat(sender.sent()).hasSize(2);
        assertThat(sender.sent().get(0).event().eventId())
                .isNotEqualTo(sender.sent().get(1).event().eventId());
    }

    @Test
    void anOrderWithoutContactIsSkippedAndNothingIsSent() {
        Occasion unknown =
                new Occasion.OrderConfirmed(new OrderId("ord_00000000000000000000000000"), new StoreId("store-001"));

        NotifyCustomer.Outcome outcome = notifyCustomer.execute(unknown, Trigger.orderEvent(EVENT_ID, "corr-1", null));

        assertThat(outcome).isEqualTo(new NotifyCustomer.Outcome.NoContact(NotificationType.ORDER_CONFIRMED));
        assertThat(sender.sent()).isEmpty();
    }

    @Test
    void aTechnicalFailureSendsNothingAndTheRetrySendsOnce() {
        sender.failNext();

        assertThatThrownBy(() -> notifyCustomer.execute(READY, Trigger.orderEvent(EVENT_ID, "corr-1", null)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(sender.sent()).isEmpty();

        assertThat(notifyCustomer.execute(READY, Trigger.orderEvent(EVENT_ID, "corr-1", null)))
                .isInstanceOf(NotifyCustomer.Outcome.Sent.class);
        assertThat(sender.sent()).hasSize(1);
    }
}
