package dev.asynccommerce.localstack.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.localstack.spi.FunctionInvoker;
import dev.asynccommerce.localstack.spi.Monitors;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * One deployed WebSocket API stage: {@code $connect} decides whether a client may connect, messages
 * route by the route selection expression, closing runs {@code $disconnect}, and the management API
 * ({@code @connections}) posts to, describes and closes connections — with the events and errors
 * API Gateway documents.
 */
final class WebSocketApi {
    private static final Logger LOG = LogManager.getLogger(WebSocketApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** PostToConnection's documented limit on Data. */
    static final int MAX_POST_BYTES = 128 * 1024;

    private final WebSocketApiConfig config;
    private final FunctionInvoker functions;
    private final InstantSource clock;
    private final List<String> selectionPath;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    /** Guards the end of connections: removal from {@link #connections} and {@link #disconnecting}. */
    private final Object ending = new Object();
    /** {@code $disconnect} invocations running now; guarded by {@link #ending}. */
    private int disconnecting;

    WebSocketApi(WebSocketApiConfig config, FunctionInvoker functions, InstantSource clock) {
        this.config = config;
        this.functions = functions;
        this.clock = clock;
        String expression = config.routeSelectionExpression();
        this.selectionPath = expression.startsWith("$request.body.")
                ? List.of(expression.substring("$request.body.".length()).split("\\."))
                : List.of();
    }

    WebSocketApiConfig config() {
        return config;
    }

    /** One connection: known from {@code $connect}, reachable once the handshake has completed. */
    static final class Connection {
        final String id;
        final Instant connectedAt;
        final String sourceIp;
        final String userAgent;
        final String domainName;
        volatile Instant lastActiveAt;
        volatile Session session;

        Connection(String id, Instant connectedAt, String sourceIp, String userAgent, String domainName) {
            this.id = id;
            this.connectedAt = connectedAt;
            this.sourceIp = sourceIp;
            this.userAgent = userAgent;
            this.domainName = domainName;
            this.lastActiveAt = connectedAt;
        }
    }

    /** The answer to a handshake: a connection to open, or the response that refuses it. */
    sealed interface Handshake {
        record Accepted(Connection connection) implements Handshake {}

        record Refused(GatewayResponse response) implements Handshake {}
    }

    Handshake connect(GatewayRequest upgrade) {
        Instant now = clock.instant();
        String host = upgrade.header("host");
        Connection connection = new Connection(
                Encoding.newId(),
                now,
                upgrade.sourceIp(),
                upgrade.header("user-agent") == null ? "" : upgrade.header("user-agent"),
                host == null ? config.apiId() + ".execute-api.localhost" : host);
        WebSocketApiConfig.Route route = config.routes().get("$connect");
        if (route == null) {
            return new Handshake.Accepted(connection);
        }
        ObjectNode event = JSON.createObjectNode();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : upgrade.headers()) {
            headers.computeIfAbsent(header.getKey(), k -> new ArrayList<>()).add(header.getValue());
        }
        headers.putIfAbsent("X-Amzn-Trace-Id", List.of(Encoding.traceId(now.getEpochSecond())));
        headers.putIfAbsent("X-Forwarded-For", List.of(upgrade.sourceIp()));
        headers.putIfAbsent("X-Forwarded-Port", List.of(port(host)));
        headers.putIfAbsent("X-Forwarded-Proto", List.of("http"));
        putMultiValue(event, "headers", "multiValueHeaders", headers);
        Map<String, List<String>> query = Encoding.queryParameters(upgrade.rawQuery());
        if (!query.isEmpty()) {
            putMultiValue(event, "queryStringParameters", "multiValueQueryStringParameters", query);
        }
        requestContext(event, "$connect", "CONNECT", connection, now, null);
        event.put("isBase64Encoded", false);

        FunctionInvoker.Invocation invocation = invoke(route, event);
        if (invocation == null || invocation.failed()) {
            return new Handshake.Refused(GatewayResponse.message(500, "Internal server error"));
        }
        int status = statusCode(invocation.payload());
        if (status < 200 || status > 299) {
            LOG.info("$connect of {} refused the connection with {}", config.apiId(), status);
            GatewayResponse refusal = HttpApi.functionResponse(invocation.payload());
            return new Handshake.Refused(new GatewayResponse(status, refusal.headers(), refusal.body()));
        }
        return new Handshake.Accepted(connection);
    }

    /** The handshake completed: the connection is reachable through @connections from now on. */
    void opened(Connection connection, Session session) {
        connection.session = session;
        connections.put(connection.id, connection);
    }

    void message(Connection connection, String text, byte[] binary) {
        Instant now = clock.instant();
        connection.lastActiveAt = now;
        String routeKey = binary == null ? selectRoute(text) : "$default";
        WebSocketApiConfig.Route route = config.routes().get(routeKey);
        if (route == null) {
            routeKey = "$default";
            route = config.routes().get(routeKey);
        }
        String requestId = Encoding.newId();
        if (route == null) {
            send(connection, errorFrame("Forbidden", connection, requestId));
            return;
        }
        ObjectNode event = JSON.createObjectNode();
        ObjectNode context = requestContext(event, routeKey, "MESSAGE", connection, now, requestId);
        context.put("messageId", Encoding.newId());
        event.put("body", binary == null ? text : Base64.getEncoder().encodeToString(binary));
        event.put("isBase64Encoded", binary != null);
        FunctionInvoker.Invocation invocation = invoke(route, event);
        if (invocation == null || invocation.failed()) {
            send(connection, errorFrame("Internal server error", connection, requestId));
            return;
        }
        if (route.returnResponse()) {
            String reply = replyBody(invocation.payload());
            if (reply != null) {
                send(connection, reply);
            }
        }
    }

    void closed(Connection connection, int statusCode, String reason) {
        synchronized (ending) {
            if (connections.remove(connection.id) == null) {
                return;
            }
            disconnecting++;
        }
        try {
            runDisconnect(connection, statusCode, reason);
        } finally {
            synchronized (ending) {
                disconnecting--;
                ending.notifyAll();
            }
        }
    }

    private void runDisconnect(Connection connection, int statusCode, String reason) {
        WebSocketApiConfig.Route route = config.routes().get("$disconnect");
        if (route == null) {
            return;
        }
        Instant now = clock.instant();
        ObjectNode event = JSON.createObjectNode();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of(connection.domainName));
        headers.put("x-api-key", List.of(""));
        headers.put("X-Forwarded-For", List.of(""));
        headers.put("x-restapi", List.of(""));
        putMultiValue(event, "headers", "multiValueHeaders", headers);
        ObjectNode context = requestContext(event, "$disconnect", "DISCONNECT", connection, now, null);
        context.put("disconnectStatusCode", statusCode);
        context.put("disconnectReason", reason == null ? "" : reason);
        event.put("isBase64Encoded", false);
        FunctionInvoker.Invocation invocation = invoke(route, event);
        if (invocation != null && invocation.failed()) {
            LOG.info("$disconnect of {} failed for a connection (ignored, as API Gateway does)", config.apiId());
        }
    }

    /** {@code POST|GET|DELETE @connections/{id}}: PostToConnection, GetConnection, DeleteConnection. */
    GatewayResponse manage(String method, String connectionId, byte[] body) {
        Connection connection = connections.get(connectionId);
        if (connection == null || connection.session == null || !connection.session.isOpen()) {
            return error(410, "GoneException", null);
        }
        switch (method) {
            case "POST" -> {
                if (body.length > MAX_POST_BYTES) {
                    return error(413, "PayloadTooLargeException", "Message too long");
                }
                if (!send(connection, body)) {
                    return error(410, "GoneException", null);
                }
                return new GatewayResponse(200, List.of(), new byte[0]);
            }
            case "GET" -> {
                ObjectNode answer = JSON.createObjectNode();
                answer.put("connectedAt", connection.connectedAt.toString());
                ObjectNode identity = answer.putObject("identity");
                identity.put("sourceIp", connection.sourceIp);
                identity.put("userAgent", connection.userAgent);
                answer.put("lastActiveAt", connection.lastActiveAt.toString());
                return new GatewayResponse(
                        200,
                        List.of(Map.entry("content-type", "application/json")),
                        answer.toString().getBytes(StandardCharsets.UTF_8));
            }
            case "DELETE" -> {
                connection.session.close(StatusCode.NORMAL, "", Callback.NOOP);
                return new GatewayResponse(204, List.of(), new byte[0]);
            }
            default -> {
                return error(403, "ForbiddenException", "Forbidden");
            }
        }
    }

    /** Closes every connection (the stack's reset or shutdown); each runs {@code $disconnect}. */
    void closeAll() {
        for (Connection connection : List.copyOf(connections.values())) {
            if (connection.session != null) {
                connection.session.close(StatusCode.SHUTDOWN, "Going away", Callback.NOOP);
            }
        }
    }

    /**
     * Waits until no connection is open and no {@code $disconnect} is running, or {@code limit} passes.
     *
     * @return whether every connection ended in time
     */
    boolean awaitNoConnections(Duration limit) {
        return Monitors.await(ending, () -> connections.isEmpty() && disconnecting == 0, limit);
    }

    static GatewayResponse error(int status, String type, String message) {
        ObjectNode body = JSON.createObjectNode();
        if (message == null) {
            body.putNull("message");
        } else {
            body.put("message", message);
        }
        return new GatewayResponse(
                status,
                List.of(Map.entry("content-type", "application/json"), Map.entry("x-amzn-ErrorType", type)),
                body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private String selectRoute(String text) {
        if (selectionPath.isEmpty()) {
            return "$default";
        }
        try {
            JsonNode node = JSON.readTree(text);
            for (String field : selectionPath) {
                node = node == null ? null : node.get(field);
            }
            return node != null && node.isValueNode() && !node.isNull() ? node.asText() : "$default";
        } catch (Exception notJson) {
            return "$default";
        }
    }

    private ObjectNode requestContext(
            ObjectNode event, String routeKey, String eventType, Connection connection, Instant now, String requestId) {
        String id = requestId == null ? Encoding.newId() : requestId;
        ObjectNode context = event.putObject("requestContext");
        context.put("routeKey", routeKey);
        context.put("eventType", eventType);
        context.put("extendedRequestId", id);
        context.put("requestTime", HttpApi.REQUEST_TIME.format(now));
        context.put("messageDirection", "IN");
        context.put("stage", config.stage());
        context.put("connectedAt", connection.connectedAt.toEpochMilli());
        context.put("requestTimeEpoch", now.toEpochMilli());
        ObjectNode identity = context.putObject("identity");
        identity.put("userAgent", connection.userAgent);
        identity.put("sourceIp", connection.sourceIp);
        context.put("requestId", id);
        context.put("domainName", connection.domainName);
        context.put("connectionId", connection.id);
        context.put("apiId", config.apiId());
        return context;
    }

    private static void putMultiValue(ObjectNode event, String single, String multi, Map<String, List<String>> values) {
        ObjectNode singleNode = event.putObject(single);
        ObjectNode multiNode = event.putObject(multi);
        values.forEach((name, list) -> {
            singleNode.put(name, list.getLast());
            ArrayNode array = multiNode.putArray(name);
            list.forEach(array::add);
        });
    }

    private FunctionInvoker.Invocation invoke(WebSocketApiConfig.Route route, ObjectNode event) {
        try {
            return functions.invoke(route.functionArn(), JSON.writeValueAsBytes(event));
        } catch (Exception e) {
            LOG.error("invoking {} failed: {}", route.functionArn(), e.toString());
            return null;
        }
    }

    /** A route's answer: {@code statusCode} absent counts as 200 (the integration succeeded). */
    private static int statusCode(byte[] payload) {
        try {
            JsonNode answer = JSON.readTree(payload);
            if (answer != null && answer.isObject() && answer.has("statusCode")) {
                return answer.get("statusCode").asInt(500);
            }
            return 200;
        } catch (Exception e) {
            return 200;
        }
    }

    private static String replyBody(byte[] payload) {
        try {
            JsonNode answer = JSON.readTree(payload);
            if (answer == null || answer.isNull()) {
                return null;
            }
            if (answer.isObject() && answer.has("statusCode")) {
                JsonNode body = answer.get("body");
                return body == null || body.isNull() ? null : body.isTextual() ? body.asText() : body.toString();
            }
            return answer.isTextual() ? answer.asText() : answer.toString();
        } catch (Exception e) {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private static String errorFrame(String message, Connection connection, String requestId) {
        ObjectNode frame = JSON.createObjectNode();
        frame.put("message", message);
        frame.put("connectionId", connection.id);
        frame.put("requestId", requestId);
        return frame.toString();
    }

    private static boolean send(Connection connection, String text) {
        return send(connection, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one frame (text when the data is UTF-8, else binary) and waits until it is written. */
    private static boolean send(Connection connection, byte[] data) {
        Session session = connection.session;
        if (session == null || !session.isOpen()) {
            return false;
        }
        Callback.Completable done = new Callback.Completable();
        synchronized (connection) {
            if (Encoding.isUtf8(data)) {
                session.sendText(new String(data, StandardCharsets.UTF_8), done);
            } else {
                session.sendBinary(ByteBuffer.wrap(data), done);
            }
        }
        try {
            done.get(10, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private static String port(String host) {
        if (host != null && host.lastIndexOf(':') > host.lastIndexOf(']')) {
            return host.substring(host.lastIndexOf(':') + 1);
        }
        return "80";
    }
}
