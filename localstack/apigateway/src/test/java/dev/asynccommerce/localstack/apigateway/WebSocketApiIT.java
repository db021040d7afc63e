package dev.asynccommerce.localstack.apigateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * A WebSocket API as store devices use it, through Jetty's WebSocket client and the unmodified
 * {@code ApiGatewayManagementApiClient}.
 */
class WebSocketApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String CONNECT = "arn:aws:lambda:us-east-1:000000000000:function:connect";
    private static final String DISCONNECT = "arn:aws:lambda:us-east-1:000000000000:function:disconnect";
    private static final String SUBSCRIBE = "arn:aws:lambda:us-east-1:000000000000:function:subscribe";
    private static final String DEFAULT = "arn:aws:lambda:us-east-1:000000000000:function:default";
    private static final String FAILS = "arn:aws:lambda:us-east-1:000000000000:function:fails";

    private static GatewayServer server;
    private static WebSocketClient client;
    private static ApiGatewayManagementApiClient management;

    @BeforeAll
    static void start() throws Exception {
        server = new GatewayServer();
        server.functions.define(CONNECT, event -> {
            JsonNode query = event.get("queryStringParameters");
            String token = query == null ? "" : query.path("token").asText();
            return switch (token) {
                case "good" -> "{\"statusCode\":200}";
                case "other-store" -> "{\"statusCode\":403,\"body\":\"{\\\"title\\\":\\\"Forbidden\\\"}\"}";
                default -> "{\"statusCode\":401}";
            };
        });
        server.functions.define(DISCONNECT, event -> "{\"statusCode\":200}");
        server.functions.define(SUBSCRIBE, event -> "{\"statusCode\":200,\"body\":\"subscribed\"}");
        server.functions.define(DEFAULT, event -> "{\"statusCode\":200,\"body\":\"not sent: one-way route\"}");
        server.functions.define(FAILS, event -> {
            throw new IllegalStateException("boom");
        });
        server.gateway.addWebSocketApi(new WebSocketApiConfig(
                "devices",
                "live",
                "$request.body.action",
                Map.of(
                        "$connect", new WebSocketApiConfig.Route(CONNECT),
                        "$disconnect", new WebSocketApiConfig.Route(DISCONNECT),
                        "$default", new WebSocketApiConfig.Route(DEFAULT),
                        "subscribe", new WebSocketApiConfig.Route(SUBSCRIBE, true),
                        "fail", new WebSocketApiConfig.Route(FAILS))));
        server.gateway.addWebSocketApi(new WebSocketApiConfig(
                "strict",
                "live",
                "$request.body.action",
                Map.of("subscribe", new WebSocketApiConfig.Route(SUBSCRIBE))));
        client = new WebSocketClient();
        client.start();
        management = ApiGatewayManagementApiClient.builder()
                .endpointOverride(ApiGateway.connectionsEndpoint(server.endpoint(), "devices", "live"))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        management.close();
        client.stop();
        server.close();
    }

    @Test
    void connectsWhenConnectAnswers200WithTheConnectEventAwsSends() throws Exception {
        Device device = connect("devices", "?storeId=store-001&token=good");
        JsonNode event = server.functions.nextEvent(CONNECT, WAIT);

        JsonNode context = event.get("requestContext");
        assertThat(context.get("routeKey").asText()).isEqualTo("$connect");
        assertThat(context.get("eventType").asText()).isEqualTo("CONNECT");
        assertThat(context.get("messageDirection").asText()).isEqualTo("IN");
        assertThat(context.get("stage").asText()).isEqualTo("live");
        assertThat(context.get("apiId").asText()).isEqualTo("devices");
        assertThat(context.get("connectionId").asText()).matches("[A-Za-z0-9]{15}=");
        assertThat(context.get("connectedAt").asLong()).isEqualTo(GatewayServer.START.toEpochMilli());
        assertThat(context.get("requestTimeEpoch").asLong()).isEqualTo(GatewayServer.START.toEpochMilli());
        assertThat(context.get("requestTime").asText()).isEqualTo("21/Nov/2026:09:00:00 +0000");
        assertThat(context.get("requestId").asText())
                .isEqualTo(context.get("extendedRequestId").asText());
        assertThat(context.get("domainName").asText())
                .isEqualTo(server.endpoint().getAuthority());
        assertThat(context.get("identity").get("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(event.get("queryStringParameters"))
                .isEqualTo(JSON.readTree("{\"storeId\":\"store-001\",\"token\":\"good\"}"));
        assertThat(event.get("multiValueQueryStringParameters"))
                .isEqualTo(JSON.readTree("{\"storeId\":[\"store-001\"],\"token\":[\"good\"]}"));
        assertThat(event.get("headers").get("Sec-WebSocket-Version").asText()).isEqualTo("13");
        assertThat(event.get("headers").get("X-Forwarded-For").asText()).isEqualTo("127.0.0.1");
        assertThat(event.get("multiValueHeaders").get("Sec-WebSocket-Key")).hasSize(1);
        assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(device.session.isOpen()).isTrue();
        close(device);
    }

    @Test
    void refusesTheHandshakeWhenConnectAnswersAnythingBut2xx() throws Exception {
        assertThat(refusal("?storeId=store-001")).isEqualTo(401);
        String refusedId = server.functions
                .nextEvent(CONNECT, WAIT)
                .at("/requestContext/connectionId")
                .asText();
        assertThat(refusal("?storeId=store-001&token=other-store")).isEqualTo(403);
        server.functions.nextEvent(CONNECT, WAIT);
        assertThatThrownBy(() -> management.getConnection(r -> r.connectionId(refusedId)))
                .as("a refused connection never exists")
                .isInstanceOf(GoneException.class);
        assertThat(server.functions.pending(DISCONNECT))
                .as("no $disconnect for a refused connection")
                .isZero();
    }

    @Test
    void routesMessagesByTheSelectionExpression() throws Exception {
        Device device = connect("devices", "?token=good");
        String connectionId = server.functions
                .nextEvent(CONNECT, WAIT)
                .at("/requestContext/connectionId")
                .asText();

        device.send("{\"action\":\"subscribe\",\"storeId\":\"store-001\"}");
        JsonNode subscribe = server.functions.nextEvent(SUBSCRIBE, WAIT);
        assertThat(subscribe.at("/requestContext/routeKey").asText()).isEqualTo("subscribe");
        assertThat(subscribe.at("/requestContext/eventType").asText()).isEqualTo("MESSAGE");
        assertThat(subscribe.at("/requestContext/connectionId").asText()).isEqualTo(connectionId);
        assertThat(subscribe.at("/requestContext/messageId").asText()).isNotBlank();
        assertThat(subscribe.get("body").asText()).isEqualTo("{\"action\":\"subscribe\",\"storeId\":\"store-001\"}");
        assertThat(subscribe.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(device.next()).as("a two-way route answers").isEqualTo("subscribed");

        device.send("{\"action\":\"unknown\"}");
        assertThat(server.functions
                        .nextEvent(DEFAULT, WAIT)
                        .at("/requestContext/routeKey")
                        .asText())
                .isEqualTo("$default");
        device.send("plain text, not JSON");
        assertThat(server.functions.nextEvent(DEFAULT, WAIT).get("body").asText())
                .isEqualTo("plain text, not JSON");

        device.send("{\"action\":\"fail\"}");
        JsonNode error = JSON.readTree(device.next());
        assertThat(error.get("message").asText()).isEqualTo("Internal server error");
        assertThat(error.get("connectionId").asText()).isEqualTo(connectionId);
        assertThat(device.messages)
                .as("the one-way $default route sent nothing")
                .isEmpty();
        close(device);
    }

    @Test
    void answersForbiddenWhenNoRouteMatchesAndThereIsNoDefault() throws Exception {
        Device device = connect("strict", "");
        device.send("{\"action\":\"unknown\"}");
        JsonNode error = JSON.readTree(device.next());
        assertThat(error.get("message").asText()).isEqualTo("Forbidden");
        assertThat(error.get("requestId").asText()).isNotBlank();
        device.session.close();
        assertThat(device.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1000);
    }

    @Test
    void runsDisconnectWhenTheClientCloses() throws Exception {
        Device device = connect("devices", "?token=good");
        String connectionId = server.functions
                .nextEvent(CONNECT, WAIT)
                .at("/requestContext/connectionId")
                .asText();
        device.session.close(1000, "bye", Callback.NOOP);

        JsonNode event = server.functions.nextEvent(DISCONNECT, WAIT);
        assertThat(event.at("/requestContext/routeKey").asText()).isEqualTo("$disconnect");
        assertThat(event.at("/requestContext/eventType").asText()).isEqualTo("DISCONNECT");
        assertThat(event.at("/requestContext/connectionId").asText()).isEqualTo(connectionId);
        assertThat(event.at("/requestContext/disconnectStatusCode").asInt()).isEqualTo(1000);
        assertThat(event.at("/requestContext/disconnectReason").asText()).isEqualTo("bye");
        assertThatThrownBy(() -> management.getConnection(r -> r.connectionId(connectionId)))
                .isInstanceOf(GoneException.class);
    }

    @Test
    void postToConnectionReachesTheClientThroughTheUnmodifiedSdk() throws Exception {
        Device device = connect("devices", "?storeId=store-001&token=good");
        String connectionId = server.functions
                .nextEvent(CONNECT, WAIT)
                .at("/requestContext/connectionId")
                .asText();

        management.postToConnection(r -> r.connectionId(connectionId)
                .data(SdkBytes.fromUtf8String("{\"type\":\"PickTaskCreated\",\"orderId\":\"o-1\"}")));
        assertThat(device.next()).isEqualTo("{\"type\":\"PickTaskCreated\",\"orderId\":\"o-1\"}");

        GetConnectionResponse described = management.getConnection(r -> r.connectionId(connectionId));
        assertThat(described.connectedAt()).isEqualTo(GatewayServer.START);
        assertThat(described.identity().sourceIp()).isEqualTo("127.0.0.1");
        assertThat(described.lastActiveAt()).isEqualTo(GatewayServer.START);

        management.deleteConnection(r -> r.connectionId(connectionId));
        assertThat(device.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(server.functions
                        .nextEvent(DISCONNECT, WAIT)
                        .at("/requestContext/connectionId")
                        .asText())
                .isEqualTo(connectionId);
        assertThatThrownBy(() -> management.postToConnection(
                        r -> r.connectionId(connectionId).data(SdkBytes.fromUtf8String("late"))))
                .isInstanceOf(GoneException.class);
    }

    @Test
    void answersGoneForAConnectionThatNeverExisted() {
        assertThatThrownBy(() -> management.postToConnection(
                        r -> r.connectionId("NoSuchConnecti=").data(SdkBytes.fromUtf8String("hello"))))
                .isInstanceOfSatisfying(
                        GoneException.class, e -> assertThat(e.statusCode()).isEqualTo(410));
        assertThatThrownBy(() -> management.deleteConnection(r -> r.connectionId("NoSuchConnecti=")))
                .isInstanceOf(GoneException.class);
    }

    /**
     * The local stack stopping (Ctrl-C; a restart with --persist) is, for its clients, the service
     * going away: each open connection is closed with 1001 and its $disconnect runs, as API Gateway runs
     * it when a connection ends, so nothing is left thinking a dead connection is open.
     */
    @Test
    void runsDisconnectForEveryOpenConnectionWhenTheServerStops() throws Exception {
        GatewayServer stopping = new GatewayServer();
        try {
            stopping.functions.define(CONNECT, event -> "{\"statusCode\":200}");
            stopping.functions.define(DISCONNECT, event -> "{\"statusCode\":200}");
            stopping.gateway.addWebSocketApi(new WebSocketApiConfig(
                    "devices",
                    "live",
                    "$request.body.action",
                    Map.of(
                            "$connect", new WebSocketApiConfig.Route(CONNECT),
                            "$disconnect", new WebSocketApiConfig.Route(DISCONNECT))));
            Device device = new Device();
            device.session = client.connect(device, ApiGateway.webSocketUrl(stopping.endpoint(), "devices", "live"))
                    .get(5, TimeUnit.SECONDS);
            String connectionId = stopping.functions
                    .nextEvent(CONNECT, WAIT)
                    .at("/requestContext/connectionId")
                    .asText();

            // Answered (no route: Forbidden) only once the gateway holds the connection as open.
            device.send("{\"action\":\"ping\"}");
            assertThat(device.next()).contains("Forbidden");

            // What the stack does when it stops: the connections first, while the functions still run.
            assertThat(stopping.gateway.closeConnections(Duration.ofSeconds(5))).isTrue();
            stopping.close();

            JsonNode event = stopping.functions.nextEvent(DISCONNECT, WAIT);
            assertThat(event.at("/requestContext/connectionId").asText()).isEqualTo(connectionId);
            assertThat(event.at("/requestContext/disconnectStatusCode").asInt()).isEqualTo(1001);
            assertThat(device.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1001);
        } finally {
            stopping.close();
        }
    }

    private static Device connect(String apiId, String query) throws Exception {
        Device device = new Device();
        URI uri = URI.create(ApiGateway.webSocketUrl(server.endpoint(), apiId, "live") + query);
        device.session = client.connect(device, uri).get(5, TimeUnit.SECONDS);
        return device;
    }

    private static int refusal(String query) throws Exception {
        URI uri = URI.create(ApiGateway.webSocketUrl(server.endpoint(), "devices", "live") + query);
        try {
            client.connect(new Device(), uri).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(UpgradeException.class);
            return ((UpgradeException) e.getCause()).getResponseStatusCode();
        }
        throw new AssertionError("the handshake succeeded");
    }

    private static void close(Device device) throws Exception {
        device.session.close();
        assertThat(device.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1000);
        server.functions.nextEvent(DISCONNECT, WAIT);
    }

    /** A store device: records what the gateway pushes and when it closes. */
    public static final class Device implements Session.Listener.AutoDemanding {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        Session session;

        @Override
        public void onWebSocketText(String message) {
            messages.add(message);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            closed.complete(statusCode);
            callback.succeed();
        }

        void send(String text) throws Exception {
            Callback.Completable sent = new Callback.Completable();
            session.sendText(text, sent);
            sent.get(5, TimeUnit.SECONDS);
        }

        String next() throws InterruptedException {
            String message = messages.poll(5, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("no message within 5 seconds");
            }
            return message;
        }
    }
}
