package dev.asynccommerce.localstack.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A deployed system as its users reach it, over HTTP only: a customer at the storefront API, one
 * store's staff at the store routes (with a staff token for that store), and the local controls on the
 * AWS endpoint. Every wait is a deadline ({@link #ASYNC}), never a sleep.
 */
final class Shop {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    // A deadline, not a wait: a burst of checkouts starts fresh function JVMs, which on a loaded
    // 2-core machine can take most of a minute before the first order moves.
    static final Duration ASYNC = Duration.ofSeconds(120);

    private final String storefront;
    private final String awsEndpoint;
    private final String store;
    private final Function<String, String> staffTokens;

    /**
     * @param storefront the StorefrontApiUrl output
     * @param awsEndpoint the AwsEndpoint output (the local controls)
     * @param store the store whose staff this shop acts as, and where orders are picked up
     * @param staffTokens a valid staff token for a store, now
     */
    Shop(String storefront, String awsEndpoint, String store, Function<String, String> staffTokens) {
        this.storefront = storefront;
        this.awsEndpoint = awsEndpoint;
        this.store = store;
        this.staffTokens = staffTokens;
    }

    // --- the storefront, as a customer uses it ---

    record Placed(String orderId, String token) {}

    Placed checkout(String sku, int quantity, String... paymentTokens) throws Exception {
        StringBuilder methods = new StringBuilder();
        for (String token : paymentTokens) {
            methods.append(methods.isEmpty() ? "" : ",")
                    .append("{\"type\":\"CARD\",\"token\":\"")
                    .append(token)
                    .append("\"}");
        }
        String body = """
                {"customer": {"customerId": "c-123", "email": "ana@example.com"},
                 "lines": [{"sku": "%s", "quantity": %d}],
                 "fulfillment": {"type": "PICKUP", "storeId": "%s"},
                 "payment": {"methods": [%s]}}""".formatted(sku, quantity, store, methods);
        // As a storefront should: a 5xx (here, the checkout function's concurrency is taken) is retried
        // with the same Idempotency-Key, which can only ever place one order.
        Map<String, String> key = Map.of("Idempotency-Key", "journey-" + UUID.randomUUID());
        AtomicReference<HttpResponse<String>> response = new AtomicReference<>();
        await().atMost(ASYNC).pollInterval(Duration.ofMillis(300)).until(() -> {
            response.set(call("POST", storefront + "/orders", body, key));
            return response.get().statusCode() < 500;
        });
        assertThat(response.get().statusCode()).as(response.get().body()).isEqualTo(202);
        JsonNode answer = JSON.readTree(response.get().body());
        return new Placed(
                answer.path("orderId").asText(), answer.path("orderToken").asText());
    }

    JsonNode order(Placed placed) throws Exception {
        HttpResponse<String> response = customer("GET", placed, "", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    JsonNode awaitStatus(Placed placed, String... statuses) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(ASYNC).pollInterval(Duration.ofMillis(200)).until(() -> {
            last.set(order(placed));
            return List.of(statuses).contains(last.get().path("status").asText());
        });
        return last.get();
    }

    /** The order's own steps on its timeline. */
    static List<String> timeline(JsonNode order) {
        List<String> events = new ArrayList<>();
        order.path("timeline").forEach(step -> {
            if (!step.path("event").asText().startsWith("Payment")) {
                events.add(step.path("event").asText());
            }
        });
        return events;
    }

    /** The payment ledger as the order's timeline shows it: "event: detail", in time order. */
    List<String> payments(Placed placed) throws Exception {
        List<String> entries = new ArrayList<>();
        order(placed).path("timeline").forEach(step -> {
            if (step.path("event").asText().startsWith("Payment")) {
                entries.add(
                        step.path("event").asText() + ": " + step.path("detail").asText());
            }
        });
        return entries;
    }

    void awaitPayments(Placed placed, String... entries) {
        await().atMost(ASYNC).untilAsserted(() -> assertThat(payments(placed)).containsExactly(entries));
    }

    int available(String sku) throws Exception {
        HttpResponse<String> response =
                call("GET", storefront + "/stores/" + store + "/availability?sku=" + sku, null, Map.of());
        return JSON.readTree(response.body())
                .path("items")
                .get(0)
                .path("available")
                .asInt();
    }

    void awaitAvailable(String sku, int units) {
        await().atMost(ASYNC).pollInterval(Duration.ofMillis(200)).until(() -> available(sku) == units);
    }

    static String bearer(Placed placed) {
        return "Bearer " + placed.token();
    }

    // --- the store, as its staff use it ---

    HttpResponse<String> store(String method, String path, String body) throws Exception {
        return call(
                method,
                storefront + "/stores/" + store + path,
                body,
                Map.of("Authorization", "Bearer " + staffTokens.apply(store)));
    }

    void awaitPickTask(Placed placed) {
        await().atMost(ASYNC)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> store("GET", "/pick-tasks", null).body().contains(placed.orderId()));
    }

    void pick(Placed placed, String sku, int quantity) throws Exception {
        awaitPickTask(placed);
        HttpResponse<String> picked = store(
                "POST",
                "/orders/" + placed.orderId() + "/picked",
                "{\"lines\": [{\"sku\": \"%s\", \"quantity\": %d}]}".formatted(sku, quantity));
        assertThat(picked.statusCode()).as(picked.body()).isEqualTo(202);
    }

    HttpResponse<String> collect(Placed placed, String code) throws Exception {
        return store("POST", "/orders/" + placed.orderId() + "/collected", "{\"pickupCode\": \"" + code + "\"}");
    }

    // --- the local controls ---

    List<JsonNode> notifications(Placed placed) throws Exception {
        JsonNode all = JSON.readTree(call("GET", awsEndpoint + "/_local/notifications", null, Map.of())
                .body());
        List<JsonNode> mine = new ArrayList<>();
        all.path("notifications").forEach(n -> {
            if (n.path("orderId").asText().equals(placed.orderId())) {
                mine.add(n);
            }
        });
        return mine;
    }

    List<String> notificationTypes(Placed placed) throws Exception {
        return notifications(placed).stream().map(n -> n.path("type").asText()).toList();
    }

    void advanceClock(Duration duration) throws Exception {
        HttpResponse<String> response = call(
                "POST", awsEndpoint + "/_local/clock/advance", "{\"seconds\": " + duration.toSeconds() + "}", Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    static HttpResponse<String> call(String method, String url, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> customer(String method, Placed placed, String path, String body) throws Exception {
        return call(
                method,
                storefront + "/orders/" + placed.orderId() + path,
                body,
                Map.of("Authorization", bearer(placed)));
    }
}
