package dev.asynccommerce.fulfillment.handler;

import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.ORDER;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.STORE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asynccommerce.fulfillment.application.EventBridgeEvents;
import dev.asynccommerce.fulfillment.application.FulfillmentFixture;
import dev.asynccommerce.fulfillment.application.StoreMessage;
import dev.asynccommerce.fulfillment.domain.ConnectionId;
import dev.asynccommerce.fulfillment.domain.PickStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The EventBridge targets and the WebSocket sync route. */
class EventHandlersTest {
    private final FulfillmentFixture fixture = new FulfillmentFixture();
    private final StoreNotifierHandler notifier = new StoreNotifierHandler(fixture.wiring);
    private final OrderCancelledHandler cancelled = new OrderCancelledHandler(fixture.wiring);
    private final ConnectionId device = fixture.connect(STORE, "Bq3rTd1EjoECI2g=");

    private static String invoke(RequestStreamHandler handler, String event) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), output, null);
        return new ObjectMapper().readTree(output.toByteArray()).path("outcome").asText();
    }

    @Test
    void theNotifierPushesAPickTaskCreatedOnceWhateverTheRedeliveries() throws IOException {
        String event = EventBridgeEvents.pickTaskCreated(EventBridgeEvents.CREATED_EVENT_ID);

        assertThat(invoke(notifier, event)).isEqualTo("HANDLED");
        assertThat(invoke(notifier, event)).isEqualTo("DUPLICATE");
        assertThat(fixture.push.pushesTo(device))
                .singleElement()
                .extracting(p -> p.message().type())
                .isEqualTo("PickTaskCreated");
    }

    @Test
    void anOrderCancelledClosesTheTaskFailsItsTokenAndIsPushed() throws IOException {
        fixture.createPickTask();
        String event = EventBridgeEvents.orderCancelled("store-001", "CUSTOMER_REQUESTED");

        assertThat(invoke(cancelled, event)).isEqualTo("HANDLED");
        assertThat(invoke(notifier, event)).isEqualTo("HANDLED");

        assertThat(fixture.pickTasks.find(ORDER).orElseThrow().status()).isEqualTo(PickStatus.CANCELLED);
        assertThat(fixture.callbacks.delivered()).singleElement().satisfies(c -> {
            assertThat(c.error()).isEqualTo("Order.Cancelled");
            assertThat(c.cause()).isEqualTo("CUSTOMER_REQUESTED");
        });
        assertThat(fixture.push.pushesTo(device))
                .extracting(p -> p.message())
                .containsExactly(new StoreMessage.OrderCancelled(ORDER, STORE, "CUSTOMER_REQUESTED"));
    }

    @Test
    void anEventThatBreaksItsSchemaIsAPermanentFailureAndChangesNothing() {
        String broken = EventBridgeEvents.orderCancelled("store-001", "CUSTOMER_REQUESTED")
                .replace("\"reason\":\"CUSTOMER_REQUESTED\"", "\"reason\":\"CUSTOMER_REQUESTED\",\"email\":\"a@b.c\"");

        assertThatThrownBy(() -> invoke(cancelled, broken))
                .isInstanceOf(UnprocessableEventException.class)
                .hasMessageNotContaining("a@b.c");
        assertThatThrownBy(() -> invoke(notifier, broken)).isInstanceOf(UnprocessableEventException.class);
        assertThat(fixture.cancelled.find(ORDER)).isEmpty();
        assertThat(fixture.push.pushes()).isEmpty();
    }

    @Test
    void eventsTheConsumersDoNotActOnAreIgnored() throws IOException {
        assertThat(invoke(notifier, EventBridgeEvents.orderConfirmed())).isEqualTo("IGNORED");
        assertThat(invoke(cancelled, EventBridgeEvents.orderConfirmed())).isEqualTo("IGNORED");
    }

    @Test
    void aDeviceAskingToSyncGetsItsStoresOpenTasks() {
        fixture.createPickTask();
        APIGatewayV2WebSocketEvent sync = EventLoader.loadEvent("events/sync.json", APIGatewayV2WebSocketEvent.class);

        APIGatewayV2WebSocketResponse response = new DeviceSyncHandler(fixture.wiring).handleRequest(sync, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(fixture.push.pushesTo(device))
                .singleElement()
                .extracting(p -> p.message().type())
                .isEqualTo("PickTasks");
    }

    @Test
    void anUnknownConnectionAskingToSyncGetsNothing() {
        APIGatewayV2WebSocketEvent sync = EventLoader.loadEvent("events/sync.json", APIGatewayV2WebSocketEvent.class);
        sync.getRequestContext().setConnectionId("Zz9zZz9zZz9zZz8=");

        APIGatewayV2WebSocketResponse response = new DeviceSyncHandler(fixture.wiring).handleRequest(sync, null);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(fixture.push.pushes()).isEmpty();
    }
}
