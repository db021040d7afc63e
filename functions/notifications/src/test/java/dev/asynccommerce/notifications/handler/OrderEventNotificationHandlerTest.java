package dev.asynccommerce.notifications.handler;

import static dev.asynccommerce.notifications.handler.HandlerFixture.recorded;
import static dev.asynccommerce.notifications.handler.HandlerFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class OrderEventNotificationHandlerTest {
    private final HandlerFixture fixture = new HandlerFixture();
    private final OrderEventNotificationHandler handler = new OrderEventNotificationHandler(fixture.wiring);

    private JsonNode handle(String input) {
        return run((in, out) -> handler.handleRequest(in, out, null), input);
    }

    @Test
    void notifiesTheCustomerOfAnOrderEvent() {
        JsonNode answer = handle(recorded("order-ready-for-pickup.json"));

        assertThat(answer.path("outcome").asText()).isEqualTo("SENT");
        assertThat(answer.path("notificationType").asText()).isEqualTo("READY_FOR_PICKUP");
        assertThat(fixture.sender.sent()).hasSize(1);
        assertThat(fixture.sender.sent().getFirst().notification().message().body())
                .contains("048213");
    }

    @Test
    void aRedeliveredEventIsAlreadySent() {
        handle(recorded("order-cancelled.json"));
        JsonNode again = handle(recorded("order-cancelled.json"));

        assertThat(again.path("outcome").asText()).isEqualTo("ALREADY_SENT");
        assertThat(again.path("notificationType").asText()).isEqualTo("ORDER_CANCELLED");
        assertThat(fixture.sender.sent()).hasSize(1);
        assertThat(fixture.sender.sent().getFirst().notification().message().body())
                .contains("Some of the items are no longer in stock at the store.");
    }

    @Test
    void anOrderWithoutContactIsSkipped() {
        String other = recorded("order-ready-for-pickup.json")
                .replace("ord_01jdq8r5w3k7m2n9p4t6v8x0zb", "ord_00000000000000000000000000");

        JsonNode answer = handle(other);

        assertThat(answer.path("outcome").asText()).isEqualTo("SKIPPED");
        assertThat(answer.path("reason").asText()).isEqualTo("NO_CUSTOMER_CONTACT");
        assertThat(fixture.sender.sent()).isEmpty();
    }

    @Test
    void anotherCommerceEventIsIgnored() {
        JsonNode answer = handle(recorded("order-collected.json"));

        assertThat(answer.path("outcome").asText()).isEqualTo("IGNORED");
        assertThat(answer.path("detailType").asText()).isEqualTo("OrderCollected");
        assertThat(fixture.sender.sent()).isEmpty();
    }

    @Test
    void anEventThatBreaksTheSchemaIsRefusedWithoutEchoingIt() {
        try (CapturedLogs logs = new CapturedLogs()) {
            assertThatThrownBy(() -> handle(recorded("order-ready-for-pickup-unknown-field.json")))
                    .isInstanceOf(RefusedInputException.class)
                    .hasMessageContaining("email")
                    .hasMessageNotContaining("ana@example.com")
                    .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
            assertThat(logs.all()).contains("order event refused").doesNotContain("ana@example.com");
        }
        assertThat(fixture.sender.sent()).isEmpty();
    }

    @Test
    void logLinesCarryTheOrderAndCorrelationButNoPersonalDataOrCode() {
        try (CapturedLogs logs = new CapturedLogs()) {
            handle(recorded("order-ready-for-pickup.json"));

            assertThat(logs.lines())
                    .anySatisfy(line -> assertThat(line)
                            .contains("READY_FOR_PICKUP notification sent")
                            .contains("orderId=ord_01jdq8r5w3k7m2n9p4t6v8x0zb")
                            .contains("correlationId=req-5b0e1c7a9d3f4e2a"));
            assertThat(logs.all())
                    .doesNotContain("ana@example.com")
                    .doesNotContain("a***@")
                    .doesNotContain("048213");
        }
    }
}
