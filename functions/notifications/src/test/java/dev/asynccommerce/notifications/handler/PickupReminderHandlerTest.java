package dev.asynccommerce.notifications.handler;

import static dev.asynccommerce.notifications.handler.HandlerFixture.recorded;
import static dev.asynccommerce.notifications.handler.HandlerFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.notifications.domain.NotificationType;
import org.junit.jupiter.api.Test;

class PickupReminderHandlerTest {
    private final HandlerFixture fixture = new HandlerFixture();
    private final PickupReminderHandler handler = new PickupReminderHandler(fixture.wiring);

    private JsonNode handle(String input) {
        return run((in, out) -> handler.handleRequest(in, out, null), input);
    }

    @Test
    void sendsTheReminderOnceAndSaysSoAfterwards() {
        JsonNode first = handle(recorded("pickup-reminder.json"));
        JsonNode second = handle(recorded("pickup-reminder.json"));

        assertThat(first.path("outcome").asText()).isEqualTo("SENT");
        assertThat(second.path("outcome").asText()).isEqualTo("ALREADY_SENT");
        assertThat(fixture.sender.sent()).hasSize(1);
        assertThat(fixture.sender.sent().getFirst().notification().type()).isEqualTo(NotificationType.PICKUP_REMINDER);
    }

    @Test
    void theReminderShowsTheDeadlineComputedFromTheClock() {
        // The fixture's clock says 2026-11-21T09:10:43Z; the recorded task leaves 86400 s.
        handle(recorded("pickup-reminder.json"));

        assertThat(fixture.sender.sent().getFirst().notification().message().body())
                .contains("Please collect it by Sunday 22 November 2026 at 09:10 UTC");
    }

    @Test
    void anUnknownOrderIsSkipped() {
        JsonNode answer = handle(recorded("pickup-reminder.json")
                .replace("ord_01jdq8r5w3k7m2n9p4t6v8x0zb", "ord_00000000000000000000000000"));

        assertThat(answer.path("outcome").asText()).isEqualTo("SKIPPED");
        assertThat(fixture.sender.sent()).isEmpty();
    }

    @Test
    void refusesAPayloadThatBreaksTheContractAndSendsNothing() {
        for (String bad : new String[] {
            "not json",
            "[]",
            recorded("pickup-reminder.json").replace("PICKUP_REMINDER", "CAPTURE"),
            recorded("pickup-reminder.json").replace("\"storeId\"", "\"email\": \"ana@example.com\", \"storeId\""),
            "{\"command\": \"PICKUP_REMINDER\"}"
        }) {
            assertThatThrownBy(() -> handle(bad))
                    .as(bad)
                    .isInstanceOf(RefusedInputException.class)
                    .hasMessageStartingWith("pickup reminder task refused")
                    .hasMessageNotContaining("ana@example.com");
        }
        assertThat(fixture.sender.sent()).isEmpty();
    }

    @Test
    void refusesAWindowThatIsNotAPositiveWholeNumberOfSecondsAndSendsNothing() {
        for (String bad : new String[] {
            "\"86400\"", "86400.5", "86400.0", "8.64e4", "0", "-86400", "null", "{}", "99999999999999999999"
        }) {
            assertThatThrownBy(() -> handle(recorded("pickup-reminder.json").replace("86400", bad)))
                    .as(bad)
                    .isInstanceOf(RefusedInputException.class)
                    .satisfies(e -> assertThat(((RefusedInputException) e).problems())
                            .containsExactly("expiresInSeconds: must be a positive whole number of seconds"));
        }
        assertThatThrownBy(() -> handle(
                        recorded("pickup-reminder.json").replaceAll(",\\s*\"expiresInSeconds\"\\s*:\\s*86400", "")))
                .isInstanceOf(RefusedInputException.class)
                .satisfies(e -> assertThat(((RefusedInputException) e).problems())
                        .containsExactly("expiresInSeconds: must be a positive whole number of seconds"));
        assertThatThrownBy(() -> handle(recorded("pickup-reminder.json").replace("expiresInSeconds", "expiresAt")))
                .isInstanceOf(RefusedInputException.class)
                .hasMessageContaining("$: may hold only command, orderId, correlationId, storeId, expiresInSeconds");
        assertThat(fixture.sender.sent()).isEmpty();
    }

    @Test
    void refusalsNameTheFields() {
        assertThatThrownBy(() -> handle(recorded("pickup-reminder.json").replace("store-001", "Store 1")))
                .isInstanceOf(RefusedInputException.class)
                .satisfies(e -> assertThat(((RefusedInputException) e).problems())
                        .containsExactly("storeId: must be a store id (lower-case letters, digits and dashes)"));
    }
}
