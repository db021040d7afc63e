package dev.asynccommerce.notifications.application;

import static dev.asynccommerce.notifications.application.OrderEventFixtures.ORDER_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.events.CustomerNotified;
import dev.asynccommerce.events.EventDetail;
import dev.asynccommerce.events.EventJson;
import dev.asynccommerce.notifications.domain.NotificationType;
import dev.asynccommerce.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SendPickupReminderTest {
    private final MutableClock clock = MutableClock.at("2026-11-23T09:10:41Z");
    private final InMemoryCustomerContacts contacts =
            new InMemoryCustomerContacts().with(ORDER_ID, "c-123", "ana@example.com");
    private final InMemoryNotificationSender sender = new InMemoryNotificationSender();
    private final SendPickupReminder reminder =
            new SendPickupReminder(new NotifyCustomer(contacts, sender, clock), clock);

    private static PickupReminderRequest request(Long expiresInSeconds) {
        return new PickupReminderRequest(
                "PICKUP_REMINDER", ORDER_ID, "req-5b0e1c7a9d3f4e2a", "store-001", expiresInSeconds);
    }

    private static PickupReminderRequest request() {
        return request(86_400L);
    }

    @Test
    void remindsTheCustomerOfTheDeadline() {
        SendPickupReminder.Outcome outcome = reminder.execute(request(), null);

        assertThat(outcome).isInstanceOf(SendPickupReminder.Outcome.Done.class);
        assertThat(((SendPickupReminder.Outcome.Done) outcome).outcome())
                .isInstanceOf(NotifyCustomer.Outcome.Sent.class);
        InMemoryNotificationSender.Sent sent = sender.sent().getFirst();
        assertThat(sent.notification().type()).isEqualTo(NotificationType.PICKUP_REMINDER);
        assertThat(sent.notification().key().value()).isEqualTo("PICKUP_REMINDER");
        assertThat(sent.notification().message().body()).contains("Tuesday 24 November 2026 at 09:10 UTC");
        EventDetail<?> event = EventJson.read("CustomerNotified", sent.event().detailJson());
        assertThat(event.data()).isEqualTo(new CustomerNotified(ORDER_ID, "c-123", "PICKUP_REMINDER", "EMAIL"));
        assertThat(event.metadata().correlationId()).isEqualTo("req-5b0e1c7a9d3f4e2a");
        assertThat(event.metadata().causationId()).isEqualTo("pickup-reminder-" + ORDER_ID);
    }

    private String sentBody() {
        return sender.sent().getFirst().notification().message().body();
    }

    @Test
    void theDeadlineIsTheClockPlusTheSecondsLeft() {
        clock.advance(Duration.ofHours(5)); // now 2026-11-23T14:10:41Z
        // 2 h 20 min 34 s: not a whole day, hour or minute, so a wrong unit or a fixed deadline shows.
        reminder.execute(request(8_434L), null);

        assertThat(sentBody()).contains("Please collect it by Monday 23 November 2026 at 16:31 UTC");
    }

    @Test
    void theDeadlineCountsSecondsNotMinutes() {
        // now 09:10:41; 19 s later the deadline's minute turns to 09:11, 18 s later it has not yet.
        SendPickupReminder first = reminder;
        first.execute(request(19L), null);
        assertThat(sentBody()).contains("Monday 23 November 2026 at 09:11 UTC");

        InMemoryNotificationSender otherSender = new InMemoryNotificationSender();
        new SendPickupReminder(new NotifyCustomer(contacts, otherSender, clock), clock).execute(request(18L), null);
        assertThat(otherSender.sent().getFirst().notification().message().body())
                .contains("Monday 23 November 2026 at 09:10 UTC");
    }

    @Test
    void remindsOncePerOrderHoweverOftenTheTaskRuns() {
        reminder.execute(request(), null);
        clock.advance(Duration.ofMinutes(3));
        SendPickupReminder.Outcome again = reminder.execute(request(3_600L), null);

        assertThat(again)
                .isEqualTo(new SendPickupReminder.Outcome.Done(
                        new NotifyCustomer.Outcome.AlreadySent(NotificationType.PICKUP_REMINDER)));
        assertThat(sender.sent()).hasSize(1);
    }

    @Test
    void anUnknownOrderIsSkipped() {
        SendPickupReminder.Outcome outcome = reminder.execute(
                new PickupReminderRequest(
                        "PICKUP_REMINDER", "ord_00000000000000000000000000", "req-1", "store-001", 86_400L),
                null);

        assertThat(outcome)
                .isEqualTo(new SendPickupReminder.Outcome.Done(
                        new NotifyCustomer.Outcome.NoContact(NotificationType.PICKUP_REMINDER)));
        assertThat(sender.sent()).isEmpty();
    }

    @Test
    void aMalformedRequestIsRejectedNamingEveryBadFieldAndSendsNothing() {
        SendPickupReminder.Outcome outcome =
                reminder.execute(new PickupReminderRequest("REMIND", "ord_NOPE", "", "Store 1", -86_400L), null);

        assertThat(outcome).isInstanceOf(SendPickupReminder.Outcome.Rejected.class);
        assertThat(((SendPickupReminder.Outcome.Rejected) outcome).problems())
                .extracting(p -> p.substring(0, p.indexOf(':')))
                .containsExactly("command", "orderId", "correlationId", "storeId", "expiresInSeconds");
        assertThat(((SendPickupReminder.Outcome.Rejected) outcome).problems())
                .allSatisfy(p -> assertThat(p).doesNotContain("ord_NOPE").doesNotContain("86400"));
        assertThat(sender.sent()).isEmpty();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(longs = {0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE})
    void aMissingNonPositiveOrUnrepresentableWindowIsRejectedAndNothingIsSent(Long expiresInSeconds) {
        SendPickupReminder.Outcome outcome = reminder.execute(request(expiresInSeconds), null);

        assertThat(outcome)
                .isEqualTo(new SendPickupReminder.Outcome.Rejected(
                        List.of("expiresInSeconds: must be a positive whole number of seconds")));
        assertThat(sender.sent()).isEmpty();
    }

    @Test
    void theShortestWindowIsAccepted() {
        assertThat(reminder.execute(request(1L), null)).isInstanceOf(SendPickupReminder.Outcome.Done.class);
        assertThat(sender.sent()).hasSize(1);
    }

    @Test
    void missingFieldsAreRejected() {
        SendPickupReminder.Outcome outcome =
                reminder.execute(new PickupReminderRequest(null, null, null, null, null), null);

        assertThat(((SendPickupReminder.Outcome.Rejected) outcome).problems()).hasSize(5);
        assertThat(sender.sent()).isEmpty();
    }
}
