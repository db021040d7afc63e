package dev.asynccommerce.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A stand-in for EventBridge's {@code PutEvents} on 127.0.0.1, speaking the AWS JSON 1.1 protocol
 * the SDK uses ({@code X-Amz-Target: AWSEvents.PutEvents}). It records every call and answers like
 * the service: an {@code EventId} per accepted entry, {@code ErrorCode}/{@code ErrorMessage} per
 * refused one, {@code FailedEntryCount}; or refuses a whole call with a throttling error. Tests
 * choose which entries fail by the event id inside their detail. The local stack's EventBridge
 * emulation will replace it.
 */
final class PutEventsRecorder implements AutoCloseable {
    private static final String JSON_1_1 = "application/x-amz-json-1.1";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final List<Call> calls = new ArrayList<>();
    private final List<Entry> accepted = new ArrayList<>();
    private final Map<String, Deque<String>> refusals = new HashMap<>();
    private final Map<String, String> permanentRefusals = new HashMap<>();
    private int callsToThrottle;

    /** One entry as it arrived on the wire. */
    record Entry(
            String eventBusName,
            String source,
            String detailType,
            String detail,
            Instant time,
            String traceHeader,
            List<String> resources,
            String eventId) {

        /** The entry size by EventBridge's published rule, computed here independently of the relay. */
        int awsEntrySize() {
            int size = time != null ? 14 : 0;
            size += utf8(source) + utf8(detailType) + utf8(detail);
            for (String resource : resources) {
                size += utf8(resource);
            }
            return size;
        }

        private static int utf8(String value) {
            return value == null ? 0 : value.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    /** One {@code PutEvents} request. */
    record Call(List<Entry> entries, int requestBodyBytes, boolean throttled) {
        int awsRequestSize() {
            return entries.stream().mapToInt(Entry::awsEntrySize).sum();
        }

        List<String> eventIds() {
            return entries.stream().map(Entry::eventId).toList();
        }
    }

    private PutEventsRecorder(HttpServer server) {
        this.server = server;
    }

    static PutEventsRecorder start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            PutEventsRecorder recorder = new PutEventsRecorder(server);
            server.createContext("/", recorder::handle);
            server.start();
            return recorder;
        } catch (IOException e) {
            throw new IllegalStateException("PutEvents recorder did not start", e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Every entry the recorder answered with an EventId, in arrival order. */
    synchronized List<Entry> accepted() {
        return List.copyOf(accepted);
    }

    synchronized List<String> acceptedEventIds() {
        return accepted.stream().map(Entry::eventId).toList();
    }

    /** The next {@code times} entries carrying {@code eventId} are refused with {@code errorCode}. */
    synchronized void refuse(String eventId, String errorCode, int times) {
        Deque<String> codes = refusals.computeIfAbsent(eventId, id -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            codes.add(errorCode);
        }
    }

    synchronized void refuseAlways(String eventId, String errorCode) {
        permanentRefusals.put(eventId, errorCode);
    }

    synchronized void acceptEverything() {
        refusals.clear();
        permanentRefusals.clear();
        callsToThrottle = 0;
    }

    /** The next {@code times} calls fail as a whole with {@code ThrottlingException} (HTTP 400). */
    synchronized void throttleNextCalls(int times) {
        callsToThrottle = times;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (!"POST".equals(exchange.getRequestMethod())
                    || !"AWSEvents.PutEvents"
                            .equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))) {
                respond(exchange, 400, error("UnknownOperationException", "only PutEvents is recorded here"));
                return;
            }
            JsonNode request = json.readTree(body);
            List<Entry> entries = new ArrayList<>();
            for (JsonNode node : request.path("Entries")) {
                entries.add(entry(node));
            }
            respond(exchange, answer(entries, body.length));
        } catch (RuntimeException e) {
            respond(exchange, 500, error("InternalException", e.getClass().getSimpleName()));
        }
    }

    private synchronized Response answer(List<Entry> entries, int bodyBytes) {
        if (callsToThrottle > 0) {
            callsToThrottle--;
            calls.add(new Call(List.copyOf(entries), bodyBytes, true));
            return new Response(400, error("ThrottlingException", "Rate exceeded"));
        }
        calls.add(new Call(List.copyOf(entries), bodyBytes, false));
        ObjectNode response = json.createObjectNode();
        ArrayNode results = response.putArray("Entries");
        int failed = 0;
        for (Entry entry : entries) {
            Deque<String> scripted = refusals.getOrDefault(entry.eventId(), new ArrayDeque<>());
            String errorCode = permanentRefusals.getOrDefault(entry.eventId(), scripted.pollFirst());
            ObjectNode result = results.addObject();
            if (errorCode != null) {
                failed++;
                result.put("ErrorCode", errorCode).put("ErrorMessage", "refused by the test");
            } else {
                accepted.add(entry);
                result.put("EventId", UUID.randomUUID().toString());
            }
        }
        response.put("FailedEntryCount", failed);
        return new Response(200, response);
    }

    private Entry entry(JsonNode node) throws IOException {
        String detail = node.path("Detail").asText(null);
        String eventId = detail == null
                ? null
                : json.readTree(detail).path("metadata").path("eventId").asText(null);
        List<String> resources = new ArrayList<>();
        node.path("Resources").forEach(r -> resources.add(r.asText()));
        return new Entry(
                node.path("EventBusName").asText(null),
                node.path("Source").asText(null),
                node.path("DetailType").asText(null),
                detail,
                node.hasNonNull("Time") ? epochSeconds(node.get("Time").decimalValue()) : null,
                node.path("TraceHeader").asText(null),
                resources,
                eventId);
    }

    /** AWS JSON 1.1 sends timestamps as epoch seconds with a fraction. */
    private static Instant epochSeconds(BigDecimal seconds) {
        long whole = seconds.longValue();
        long nanos =
                seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    private ObjectNode error(String type, String message) {
        return json.createObjectNode().put("__type", type).put("message", message);
    }

    private void respond(HttpExchange exchange, Response response) throws IOException {
        respond(exchange, response.status(), response.body());
    }

    private void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", JSON_1_1);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        if (body.has("__type")) {
            exchange.getResponseHeaders()
                    .set("x-amzn-ErrorType", body.get("__type").asText());
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private record Response(int status, ObjectNode body) {}
}
