package dev.asynccommerce.ordering.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.ordering.domain.OrderFixtures;
import dev.asynccommerce.ordering.domain.OrderStatus;
import dev.asynccommerce.platform.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The workflow's order steps through the handler, as Step Functions' lambda:invoke calls it. */
class OrderWorkflowHandlerTest {
    private static final String ORDER = OrderFixtures.ORDER_ID.value();

    private final HandlerFixture fixture = new HandlerFixture();
    private final OrderWorkflowHandler handler = new OrderWorkflowHandler(fixture.wiring);

    private JsonNode invoke(String payload) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.mapper().readTree(out.toByteArray());
    }

    @Test
    void readyForPickupAnswersTheStatusAndTheCode() throws Exception {
        fixture.orders.put(OrderFixtures.picking());

        JsonNode answer = invoke("""
                {"command": "READY_FOR_PICKUP", "orderId": "%s", "correlationId": "corr-1"}""".formatted(ORDER));

        assertThat(answer.path("applied").asBoolean()).isTrue();
        assertThat(answer.path("status").asText()).isEqualTo("READY_FOR_PICKUP");
        assertThat(answer.path("pickupCode").asText()).matches("[0-9]{6}");
    }

    @Test
    void cancelTakesItsReasonAndARefusalIsAnAnswer() throws Exception {
        fixture.orders.put(OrderFixtures.placed());

        JsonNode cancelled = invoke("""
                {"command": "CANCEL", "orderId": "%s", "correlationId": "corr-1", "reason": "SHORT_PICK"}""".formatted(ORDER));
        JsonNode confirm = invoke("""
                {"command": "CONFIRM", "orderId": "%s", "correlationId": "corr-1"}""".formatted(ORDER));

        assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(confirm.path("applied").asBoolean()).isFalse();
        assertThat(confirm.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(confirm.get("pickupCode").isNull()).isTrue();
    }

    @Test
    void failPaymentKeepsTheTaskTokenForTheWait() throws Exception {
        fixture.orders.put(OrderFixtures.placed());

        JsonNode answer = invoke("""
                {"command": "FAIL_PAYMENT", "orderId": "%s", "correlationId": "corr-1",
                 "reason": "all methods declined", "taskToken": "AQB8-token"}""".formatted(ORDER));

        assertThat(answer.path("status").asText()).isEqualTo(OrderStatus.PAYMENT_FAILED.name());
        assertThat(fixture.paymentWaits.find(OrderFixtures.ORDER_ID)).contains("AQB8-token");
    }

    @Test
    void badInputIsAnErrorThatNamesTheProblemAndChangesNothing() {
        fixture.orders.put(OrderFixtures.placed());

        assertThatThrownBy(() -> invoke("""
                        {"command": "SHIP", "orderId": "%s"}""".formatted(ORDER)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown command");
        assertThatThrownBy(() -> invoke("""
                        {"command": "CANCEL", "orderId": "%s", "reason": "BORED"}""".formatted(ORDER))).hasMessageStartingWith("unknown cancellation reason");
        assertThatThrownBy(() -> invoke("""
                        {"command": "FAIL_PAYMENT", "orderId": "%s"}""".formatted(ORDER))).hasMessage("the input has no text field taskToken");
        assertThatThrownBy(() -> invoke("not json")).hasMessage("the input is not JSON");
        assertThat(fixture.orders.outbox()).isEmpty();
    }
}
