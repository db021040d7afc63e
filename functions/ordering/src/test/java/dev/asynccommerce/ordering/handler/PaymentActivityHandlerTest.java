package dev.asynccommerce.ordering.handler;

import static dev.asynccommerce.ordering.handler.HandlerFixture.body;
import static dev.asynccommerce.ordering.handler.HandlerFixture.recorded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.events.EventData;
import dev.asynccommerce.events.EventType;
import dev.asynccommerce.events.InvalidEventException;
import dev.asynccommerce.events.PaymentAuthorized;
import dev.asynccommerce.events.PaymentDeclined;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.ordering.application.EventBridgeEvents;
import dev.asynccommerce.platform.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Payment events from the payments context's rule, through the handler, onto GET /orders/{orderId}. */
class PaymentActivityHandlerTest {
    /** The recorded checkout's order (post-orders.json), placed at 09:00:00 and readable with token-1. */
    private static final OrderId ORDER = new OrderId("ord_00000000000000000000000001");

    private static final String DECLINED_ID = "00000000-0000-4000-8000-000000000001";
    private static final String AUTHORIZED_ID = "00000000-0000-4000-8000-000000000002";

    private final HandlerFixture fixture = new HandlerFixture();
    private final PaymentActivityHandler handler = new PaymentActivityHandler(fixture.wiring);
    private final GetOrderHandler get = new GetOrderHandler(fixture.wiring);

    @BeforeEach
    void placeTheRecordedOrder() {
        APIGatewayV2HTTPResponse placed =
                new PlaceOrderHandler(fixture.wiring).handleRequest(recorded("post-orders.json"), null);
        assertThat(body(placed).path("orderId").asText()).isEqualTo(ORDER.value());
    }

    private static String event(String eventId, EventData data, String at) {
        return EventBridgeEvents.of(EventType.of(data), eventId, ORDER.value(), 1, data, Instant.parse(at));
    }

    private static String declined() {
        return event(
                DECLINED_ID,
                new PaymentDeclined(ORDER.value(), 3998, "EUR", "CARD", "SOFT", "do_not_honor", 1),
                "2026-11-21T09:00:01.250Z");
    }

    private static String authorized() {
        return event(
                AUTHORIZED_ID,
                new PaymentAuthorized(ORDER.value(), "pay_01jdq8", 3998, "EUR", "WALLET", 1),
                "2026-11-21T09:00:02Z");
    }

    private JsonNode invoke(String payload) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.mapper().readTree(out.toByteArray());
    }

    private APIGatewayV2HTTPResponse getOrder() {
        return get.handleRequest(recorded("get-order.json"), null);
    }

    @Test
    void paymentActivityShowsOnTheOrdersPublicTimeline() throws Exception {
        assertThat(invoke(declined()).path("outcome").asText()).isEqualTo("RECORDED");
        assertThat(invoke(authorized()).path("outcome").asText()).isEqualTo("RECORDED");

        APIGatewayV2HTTPResponse response = getOrder();

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode order = body(response);
        assertThat(order.path("status").asText()).isEqualTo("PENDING_PAYMENT");
        List<String> steps = new ArrayList<>();
        order.path("timeline").forEach(step -> steps.add(step.toString()));
        assertThat(steps)
                .containsExactly(
                        "{\"at\":\"2026-11-21T09:00:00Z\",\"event\":\"OrderPlaced\"}",
                        "{\"at\":\"2026-11-21T09:00:01.250Z\",\"event\":\"PaymentDeclined\","
                                + "\"detail\":\"CARD declined (soft), attempt 1\"}",
                        "{\"at\":\"2026-11-21T09:00:02Z\",\"event\":\"PaymentAuthorized\","
                                + "\"detail\":\"WALLET, 39.98 EUR, attempt 1\"}");
        assertThat(response.getBody()).doesNotContain("pay_01jdq8", "do_not_honor", DECLINED_ID, "sourceEventId");
        assertThat(fixture.orders.outbox()).extracting(m -> m.detailType()).containsExactly("OrderPlaced");
    }

    @Test
    void aRedeliveryIsAcknowledgedWithoutASecondEntry() throws Exception {
        invoke(authorized());

        JsonNode again = invoke(authorized());

        assertThat(again.path("outcome").asText()).isEqualTo("ALREADY_RECORDED");
        assertThat(body(getOrder()).path("timeline").findValuesAsText("event"))
                .containsExactly("OrderPlaced", "PaymentAuthorized");
    }

    @Test
    void anEventForAnUnknownOrderIsDroppedWithAnAnswer() throws Exception {
        var data = new PaymentAuthorized("ord_99999999999999999999999999", "pay_1", 100, "EUR", "CARD", 1);

        JsonNode answer = invoke(EventBridgeEvents.of(EventType.of(data), AUTHORIZED_ID, data.orderId(), 1, data));

        assertThat(answer.path("outcome").asText()).isEqualTo("UNKNOWN_ORDER");
        assertThat(fixture.orders.orderCount()).isEqualTo(1);
    }

    @Test
    void badInputFailsTheInvocationAndChangesNothing() {
        String beforeBody = getOrder().getBody();

        assertThatThrownBy(() -> invoke("not json")).hasMessage("the input is not JSON");
        assertThatThrownBy(() -> invoke(authorized().replace("\"WALLET\"", "\"CASH\"")))
                .isInstanceOf(InvalidEventException.class);
        assertThat(getOrder().getBody()).isEqualTo(beforeBody);
    }
}
