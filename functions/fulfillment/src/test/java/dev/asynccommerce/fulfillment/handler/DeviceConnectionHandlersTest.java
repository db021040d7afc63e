package dev.asynccommerce.fulfillment.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.asynccommerce.fulfillment.FulfillmentWiring;
import dev.asynccommerce.fulfillment.adapter.jwt.StaffPool;
import dev.asynccommerce.fulfillment.application.DeviceConnections;
import dev.asynccommerce.fulfillment.application.InMemoryCancelledOrders;
import dev.asynccommerce.fulfillment.application.InMemoryCollectionWaits;
import dev.asynccommerce.fulfillment.application.InMemoryDeviceConnections;
import dev.asynccommerce.fulfillment.application.InMemoryInbox;
import dev.asynccommerce.fulfillment.application.InMemoryPickTasks;
import dev.asynccommerce.fulfillment.application.KnownStaffTokens;
import dev.asynccommerce.fulfillment.application.RecordingCallbacks;
import dev.asynccommerce.fulfillment.application.RecordingDevicePush;
import dev.asynccommerce.fulfillment.application.SequentialEventIds;
import dev.asynccommerce.fulfillment.application.StaffTokens;
import dev.asynccommerce.fulfillment.domain.ConnectionId;
import dev.asynccommerce.fulfillment.domain.DeviceConnection;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.testkit.MutableClock;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The $connect and $disconnect handlers, replayed from recorded API Gateway WebSocket events. */
class DeviceConnectionHandlersTest {
    private static final StoreId STORE = new StoreId("store-001");
    private static final ConnectionId RECORDED_CONNECTION = new ConnectionId("Bq3rTd1EjoECI2g=");

    private final MutableClock clock = MutableClock.at("2026-11-21T09:00:00Z");
    private final InMemoryDeviceConnections connections = new InMemoryDeviceConnections(clock);
    private final KnownStaffTokens tokens = new KnownStaffTokens()
            .issue("staff-of-store-001", "store-001")
            .issue("staff-of-store-002", "store-002")
            .refuse("expired-token", StaffTokens.Reason.EXPIRED);
    private final FulfillmentWiring wiring = wiringOf(connections, tokens, clock);
    private final DeviceConnectHandler connect = new DeviceConnectHandler(wiring);
    private final DeviceDisconnectHandler disconnect = new DeviceDisconnectHandler(wiring);

    /** The wiring over these connections and tokens; the other ports are in-memory fakes. */
    static FulfillmentWiring wiringOf(DeviceConnections connections, StaffTokens tokens, Clock clock) {
        InMemoryCancelledOrders cancelled = new InMemoryCancelledOrders();
        return new FulfillmentWiring(
                new FulfillmentWiring.Adapters(
                        connections,
                        tokens,
                        new InMemoryPickTasks(cancelled),
                        new InMemoryCollectionWaits(cancelled),
                        cancelled,
                        new InMemoryInbox(),
                        new RecordingCallbacks(),
                        new RecordingDevicePush(),
                        new SequentialEventIds()),
                clock);
    }

    /** A recorded event with mutable parameter maps, for a test to change. */
    static APIGatewayV2WebSocketEvent recorded(String name) {
        APIGatewayV2WebSocketEvent event = EventLoader.loadEvent("events/" + name, APIGatewayV2WebSocketEvent.class);
        if (event.getQueryStringParameters() != null) {
            event.setQueryStringParameters(new HashMap<>(event.getQueryStringParameters()));
            event.setMultiValueQueryStringParameters(new HashMap<>(event.getMultiValueQueryStringParameters()));
        }
        return event;
    }

    /** The recorded $connect with the query parameter set to the value, or removed when null. */
    static APIGatewayV2WebSocketEvent connectWith(String parameter, String value) {
        APIGatewayV2WebSocketEvent event = recorded("connect.json");
        if (value == null) {
            event.getQueryStringParameters().remove(parameter);
            event.getMultiValueQueryStringParameters().remove(parameter);
        } else {
            event.getQueryStringParameters().put(parameter, value);
            event.getMultiValueQueryStringParameters().put(parameter, List.of(value));
        }
        return event;
    }

    @Nested
    class Connecting {
        @Test
        void theRecordedEventIsTheRealConnectFormat() {
            APIGatewayV2WebSocketEvent event = recorded("connect.json");

            assertThat(event.getRequestContext().getRouteKey()).isEqualTo("$connect");
            assertThat(event.getRequestContext().getEventType()).isEqualTo("CONNECT");
            assertThat(event.getRequestContext().getConnectionId()).isEqualTo(RECORDED_CONNECTION.value());
            assertThat(event.getQueryStringParameters()).containsEntry("storeId", "store-001");
        }

        @Test
        void staffOfTheStoreConnectWith200AndTheConnectionIsRecorded() {
            APIGatewayV2WebSocketResponse response = connect.handleRequest(recorded("connect.json"), null);

            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(connections.connectedTo(STORE)).containsExactly(RECORDED_CONNECTION);
            assertThat(connections.all())
                    .singleElement()
                    .extracting(DeviceConnection::subject)
                    .isEqualTo(KnownStaffTokens.SUBJECT);
        }

        @Test
        void withoutAStoreIdItIs400AndNothingIsRecorded() {
            assertRefused(connectWith("storeId", null), 400);
        }

        @Test
        void aMalformedStoreIdIs400() {
            assertRefused(connectWith("storeId", "Store 001"), 400);
            assertRefused(connectWith("storeId", "store-001#CONNECTION"), 400);
            assertRefused(connectWith("storeId", " "), 400);
        }

        @Test
        void twoStoreIdsAre400NotTheLastOneWins() {
            APIGatewayV2WebSocketEvent event = recorded("connect.json");
            event.getMultiValueQueryStringParameters().put("storeId", List.of("store-002", "store-001"));

            assertRefused(event, 400);
        }

        @Test
        void withoutAnyQueryStringItIs400() {
            APIGatewayV2WebSocketEvent event = recorded("connect.json");
            event.setQueryStringParameters(null);
            event.setMultiValueQueryStringParameters(null);

            assertRefused(event, 400);
        }

        @Test
        void withoutATokenItIs401() {
            assertRefused(connectWith("token", null), 401);
            assertRefused(connectWith("token", ""), 401);
        }

        @Test
        void aTokenThatDoesNotVerifyIs401() {
            assertRefused(connectWith("token", "expired-token"), 401);
            assertRefused(connectWith("token", "eyJhbGciOiJub25lIn0.e30."), 401);
        }

        @Test
        void aGoodTokenOfAnotherStoreIs403() {
            assertRefused(connectWith("token", "staff-of-store-002"), 403);
        }

        @Test
        void anotherStoresStaffCannotListenToThisStoreByNamingIt() {
            APIGatewayV2WebSocketEvent event = connectWith("token", "staff-of-store-002");
            event.getQueryStringParameters().put("storeId", "store-001");

            assertRefused(event, 403);
            assertThat(connections.connectedTo(new StoreId("store-002"))).isEmpty();
        }

        @Test
        void whenTheConnectionCannotBeRecordedItIs500NotASuccess() {
            DeviceConnections unavailable = new DeviceConnections() {
                @Override
                public void record(DeviceConnection connection) {
                    throw new IllegalStateException("table unavailable");
                }

                @Override
                public Optional<StoreId> forget(ConnectionId connectionId) {
                    throw new IllegalStateException("table unavailable");
                }

                @Override
                public List<ConnectionId> connectedTo(StoreId storeId) {
                    throw new IllegalStateException("table unavailable");
                }

                @Override
                public Optional<StoreId> storeOf(ConnectionId connectionId) {
                    throw new IllegalStateException("table unavailable");
                }
            };
            DeviceConnectHandler failing = new DeviceConnectHandler(wiringOf(unavailable, tokens, clock));

            APIGatewayV2WebSocketResponse response = failing.handleRequest(recorded("connect.json"), null);

            assertThat(response.getStatusCode()).isEqualTo(500);
            assertThat(response.getBody()).doesNotContain("table unavailable");
        }

        @Test
        void neitherTheTokenNorTheSubjectIsEverLogged() {
            List<String> lines;
            try (CapturedLogs logs = new CapturedLogs()) {
                connect.handleRequest(recorded("connect.json"), null);
                connect.handleRequest(connectWith("token", "expired-token"), null);
                connect.handleRequest(connectWith("token", "staff-of-store-002"), null);
                connect.handleRequest(connectWith("storeId", "store-999"), null);
                lines = logs.lines();
            }

            assertThat(lines).hasSize(4).anySatisfy(line -> assertThat(line).contains("EXPIRED"));
            assertThat(String.join("\n", lines))
                    .contains(RECORDED_CONNECTION.value())
                    .doesNotContain("staff-of-store-001", "expired-token", "staff-of-store-002")
                    .doesNotContain(KnownStaffTokens.SUBJECT);
        }

        private void assertRefused(APIGatewayV2WebSocketEvent event, int status) {
            APIGatewayV2WebSocketResponse response = connect.handleRequest(event, null);

            assertThat(response.getStatusCode()).isEqualTo(status);
            assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
            assertThat(connections.all()).isEmpty();
        }
    }

    @Nested
    class Disconnecting {
        @Test
        void theRecordedEventIsTheRealDisconnectFormat() {
            APIGatewayV2WebSocketEvent event = recorded("disconnect.json");

            assertThat(event.getRequestContext().getRouteKey()).isEqualTo("$disconnect");
            assertThat(event.getRequestContext().getEventType()).isEqualTo("DISCONNECT");
            assertThat(event.getRequestContext().getConnectionId()).isEqualTo(RECORDED_CONNECTION.value());
        }

        @Test
        void aClosedConnectionIsForgottenWith200() {
            connect.handleRequest(recorded("connect.json"), null);

            APIGatewayV2WebSocketResponse response = disconnect.handleRequest(recorded("disconnect.json"), null);

            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(connections.connectedTo(STORE)).isEmpty();
            assertThat(connections.all()).isEmpty();
        }

        @Test
        void anUnknownConnectionIs200TooAndRepeatingIsHarmless() {
            assertThat(disconnect
                            .handleRequest(recorded("disconnect.json"), null)
                            .getStatusCode())
                    .isEqualTo(200);
            assertThat(disconnect
                            .handleRequest(recorded("disconnect.json"), null)
                            .getStatusCode())
                    .isEqualTo(200);
        }

        @Test
        void otherConnectionsOfTheStoreStay() {
            APIGatewayV2WebSocketEvent other = recorded("connect.json");
            other.getRequestContext().setConnectionId("Bq3sA7xQjoECJ1A=");
            connect.handleRequest(other, null);
            connect.handleRequest(recorded("connect.json"), null);

            disconnect.handleRequest(recorded("disconnect.json"), null);

            assertThat(connections.connectedTo(STORE)).containsExactly(new ConnectionId("Bq3sA7xQjoECJ1A="));
        }
    }

    /** The handler with the real verifier: a token signed like Cognito's, checked against a JWKS. */
    @Nested
    class WithSignedStaffTokens {
        private final StaffPool.Key key = StaffPool.newKey("key-2026-11");

        private DeviceConnectHandler handlerFor(StaffPool pool) {
            return new DeviceConnectHandler(wiringOf(connections, pool.verifier(clock), clock));
        }

        @Test
        void aSignedIdTokenOfTheStoreConnectsAndOfAnotherStoreIs403() {
            try (StaffPool pool = StaffPool.start(key)) {
                DeviceConnectHandler handler = handlerFor(pool);

                APIGatewayV2WebSocketResponse other = handler.handleRequest(
                        connectWith("token", pool.idToken("store-002", clock).signedWith(key)), null);
                APIGatewayV2WebSocketResponse own = handler.handleRequest(
                        connectWith("token", pool.idToken("store-001", clock).signedWith(key)), null);

                assertThat(other.getStatusCode()).isEqualTo(403);
                assertThat(own.getStatusCode()).isEqualTo(200);
                assertThat(connections.connectedTo(STORE)).containsExactly(RECORDED_CONNECTION);
            }
        }

        @Test
        void whenThePoolsKeysCannotBeFetchedItIs5xxNot401() {
            try (StaffPool pool = StaffPool.start(key)) {
                pool.answerJwksWith(500);

                APIGatewayV2WebSocketResponse response = handlerFor(pool)
                        .handleRequest(
                                connectWith(
                                        "token",
                                        pool.idToken("store-001", clock).signedWith(key)),
                                null);

                assertThat(response.getStatusCode()).isEqualTo(500);
                assertThat(connections.all()).isEmpty();
            }
        }
    }
}
