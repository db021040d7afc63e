package dev.asynccommerce.localstack.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asynccommerce.localstack.deployer.CloudAssembly;
import dev.asynccommerce.localstack.server.Shop.Placed;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Every BOPIS journey of issue 6 through the deployed system's outputs and HTTP only: the storefront
 * API, the store routes with the stack's staff tokens, and the local controls (clock, notifications)
 * on the AWS endpoint. Nothing here reaches into a table; the one queue read (the payments failure
 * queue) is read through the SQS API as an operator would, so the same journeys can run against another
 * deployment of the stack. Each journey uses its own SKU, so stock levels speak for
 * that journey alone.
 */
class BopisJourneysIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration ASYNC = Shop.ASYNC;
    private static final String STORE = "store-001";
    private static final int SEEDED_UNITS = 25;

    @TempDir
    static Path cdkOut;

    private static LocalStack stack;
    private static String storefront;
    private static String awsEndpoint;
    private static String eventBus;
    private static String storeSocket;
    private static LocalDeployment.Result deployment;

    @BeforeAll
    static void deployTheRealStack() {
        RealTemplate.synthesize(cdkOut);
        // The clock follows the wall clock, as ./local-stack's does; journeys move it on where a wait is days.
        stack = LocalStack.start(LocalStack.Options.defaults().withPort(0));
        deployment = stack.deploy(CloudAssembly.read(cdkOut, "AsyncCommerce"), Map.of());
        DemoData.seed(stack, deployment);
        storefront = deployment.outputs().get("StorefrontApiUrl");
        awsEndpoint = deployment.outputs().get("AwsEndpoint");
        eventBus = deployment.outputs().get("EventBusName");
        storeSocket = deployment.outputs().get("StoreSocketUrl");
        shop = new Shop(storefront, awsEndpoint, STORE, BopisJourneysIT::staffToken);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    // --- the shop, as its customers and staff use it (Shop), and the stack-bound controls ---

    private static Shop shop;

    private static Placed checkout(String sku, int quantity, String... paymentTokens) throws Exception {
        return shop.checkout(sku, quantity, paymentTokens);
    }

    private static JsonNode order(Placed placed) throws Exception {
        return shop.order(placed);
    }

    private static JsonNode awaitStatus(Placed placed, String... statuses) {
        return shop.awaitStatus(placed, statuses);
    }

    private static List<String> timeline(JsonNode order) {
        return Shop.timeline(order);
    }

    private static List<String> payments(Placed placed) throws Exception {
        return shop.payments(placed);
    }

    private static void awaitPayments(Placed placed, String... entries) {
        shop.awaitPayments(placed, entries);
    }

    private static int available(String sku) throws Exception {
        return shop.available(sku);
    }

    private static void awaitAvailable(String sku, int units) {
        shop.awaitAvailable(sku, units);
    }

    private static HttpResponse<String> store(String method, String path, String body) throws Exception {
        return shop.store(method, path, body);
    }

    private static void awaitPickTask(Placed placed) {
        shop.awaitPickTask(placed);
    }

    private static void pick(Placed placed, String sku, int quantity) throws Exception {
        shop.pick(placed, sku, quantity);
    }

    private static HttpResponse<String> collect(Placed placed, String code) throws Exception {
        return shop.collect(placed, code);
    }

    private static List<JsonNode> notifications(Placed placed) throws Exception {
        return shop.notifications(placed);
    }

    private static List<String> notificationTypes(Placed placed) throws Exception {
        return shop.notificationTypes(placed);
    }

    private static void advanceClock(Duration duration) throws Exception {
        shop.advanceClock(duration);
    }

    private static HttpResponse<String> call(String method, String url, String body, Map<String, String> headers)
            throws Exception {
        return Shop.call(method, url, body, headers);
    }

    private static HttpResponse<String> customer(String method, Placed placed, String path, String body)
            throws Exception {
        return shop.customer(method, placed, path, body);
    }

    /**
     * A staff token as dev-tokens.json holds them, minted now on the stack's clock: tokens expire, and
     * journeys move the clock on by days.
     */
    private static String staffToken(String store) {
        return DevTokens.mint(stack, deployment, stack.clock().now()).get(store);
    }

    /** Injects a fault through the stack's control, as a test against any deployment would. */
    private static void injectFault(String fault) throws Exception {
        HttpResponse<String> injected = call("POST", awsEndpoint + "/_local/faults", fault, Map.of());
        assertThat(injected.statusCode()).as(injected.body()).isEqualTo(200);
    }

    private static void clearFaults() throws Exception {
        call("DELETE", awsEndpoint + "/_local/faults", null, Map.of());
    }

    // --- the journeys ---

    @Test
    void aDeclinedCardFallsBackToTheNextMethodAndTheOrderIsPickedAndCollected() throws Exception {
        String sku = "SKU-0002";
        Placed placed = checkout(sku, 2, "tok_insufficient", "tok_visa");

        awaitStatus(placed, "PICKING");
        awaitAvailable(sku, SEEDED_UNITS - 2);
        pick(placed, sku, 2);
        JsonNode ready = awaitStatus(placed, "READY_FOR_PICKUP");
        String code = ready.path("pickupCode").asText();
        assertThat(code).matches("[0-9]{6}");

        assertThat(collect(placed, "000000".equals(code) ? "111111" : "000000").statusCode())
                .as("a wrong code hands nothing over")
                .isEqualTo(409);
        assertThat(order(placed).path("status").asText()).isEqualTo("READY_FOR_PICKUP");
        assertThat(collect(placed, code).statusCode()).isEqualTo(202);

        JsonNode collected = awaitStatus(placed, "COLLECTED");
        assertThat(timeline(collected))
                .containsExactly(
                        "OrderPlaced",
                        "OrderConfirmed",
                        "OrderPickingStarted",
                        "OrderReadyForPickup",
                        "OrderCollected");
        assertThat(available(sku)).as("the collected units left the store").isEqualTo(SEEDED_UNITS - 2);
        await().atMost(ASYNC)
                .untilAsserted(() ->
                        assertThat(notificationTypes(placed)).containsExactly("ORDER_CONFIRMED", "READY_FOR_PICKUP"));
        assertThat(notifications(placed).get(1).path("body").asText())
                .as("the customer gets the code")
                .contains(code);
        assertThat(notifications(placed).get(0).path("recipient").asText()).isEqualTo("a***@example.com");
        awaitPayments(
                placed,
                "PaymentDeclined: CARD declined (soft), attempt 1",
                "PaymentAuthorized: CARD, 39.98 EUR, attempt 1",
                "PaymentCaptured: 39.98 EUR captured");
    }

    @Test
    void allMethodsDeclinedParksTheOrderAndANewMethodResumesTheSameOrder() throws Exception {
        String sku = "SKU-0003";
        Placed placed = checkout(sku, 1, "tok_decline");

        awaitStatus(placed, "PAYMENT_FAILED");
        awaitAvailable(sku, SEEDED_UNITS);
        HttpResponse<String> replaced = customer(
                "POST",
                placed,
                "/payment-methods",
                "{\"methods\": [{\"type\": \"WALLET\", \"token\": \"tok_wallet\"}]}");
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(202);

        JsonNode picking = awaitStatus(placed, "PICKING");
        assertThat(picking.path("orderId").asText()).isEqualTo(placed.orderId());
        assertThat(timeline(picking))
                .containsSubsequence("OrderPaymentFailed", "OrderPaymentMethodsUpdated", "OrderConfirmed");
        awaitPayments(
                placed,
                "PaymentDeclined: CARD declined (hard), attempt 1",
                "PaymentAuthorized: WALLET, 3.99 EUR, attempt 2");
        awaitAvailable(sku, SEEDED_UNITS - 1);
        await().atMost(ASYNC)
                .untilAsserted(() -> assertThat(notificationTypes(placed)).contains("PAYMENT_FAILED"));
    }

    @Test
    void moreThanTheStoreHasIsRefusedAndNothingStaysReserved() throws Exception {
        String sku = "SKU-0004";
        Placed placed = checkout(sku, SEEDED_UNITS + 1, "tok_visa");

        JsonNode cancelled = awaitStatus(placed, "CANCELLED");
        assertThat(timeline(cancelled)).containsExactly("OrderPlaced", "OrderCancelled");
        awaitPayments(
                placed,
                "PaymentAuthorized: CARD, 1299.74 EUR, attempt 1", // 26 × 49.99
                "PaymentVoided: 1299.74 EUR released");
        assertThat(available(sku)).isEqualTo(SEEDED_UNITS);
        await().atMost(ASYNC)
                .untilAsserted(() -> assertThat(notificationTypes(placed)).containsExactly("ORDER_CANCELLED"));
    }

    @Test
    void aShortPickCancelsTheOrderAndReturnsTheStock() throws Exception {
        String sku = "SKU-0005";
        Placed placed = checkout(sku, 3, "tok_visa");

        awaitStatus(placed, "PICKING");
        pick(placed, sku, 1);

        awaitStatus(placed, "CANCELLED");
        awaitAvailable(sku, SEEDED_UNITS);
        awaitPayments(placed, "PaymentAuthorized: CARD, 74.97 EUR, attempt 1", "PaymentVoided: 74.97 EUR released");
    }

    @Test
    void aCancelWhilePaymentIsStillPendingVoidsTheAuthorizationAndReleasesTheStock() throws Exception {
        String sku = "SKU-0018";
        // tok_slow answers after 3 s: the customer cancels while the order is still PENDING_PAYMENT.
        Placed placed = checkout(sku, 1, "tok_slow");

        HttpResponse<String> cancel = customer("POST", placed, "/cancel", null);

        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
        assertThat(order(placed).path("status").asText()).isEqualTo("CANCELLED");
        // Phase 1 still ends (authorized, reserved); the refused CONFIRM then voids and releases.
        awaitPayments(placed, "PaymentAuthorized: CARD, 14.99 EUR, attempt 1", "PaymentVoided: 14.99 EUR released");
        awaitAvailable(sku, SEEDED_UNITS);
        JsonNode ended = order(placed);
        assertThat(ended.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(timeline(ended)).contains("OrderPlaced", "OrderCancelled").doesNotContain("OrderConfirmed");
        await().atMost(ASYNC)
                .untilAsserted(() -> assertThat(notificationTypes(placed)).containsExactly("ORDER_CANCELLED"));
    }

    @Test
    void aCustomerWhoCancelsWhileTheStorePicksGetsTheStockReleased() throws Exception {
        String sku = "SKU-0006";
        Placed placed = checkout(sku, 2, "tok_visa");
        awaitStatus(placed, "PICKING");
        awaitPickTask(placed);

        HttpResponse<String> cancel = customer("POST", placed, "/cancel", null);

        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
        assertThat(order(placed).path("status").asText()).isEqualTo("CANCELLED");
        awaitAvailable(sku, SEEDED_UNITS);
        await().atMost(ASYNC)
                .until(() -> !store("GET", "/pick-tasks", null).body().contains(placed.orderId()));
    }

    @Test
    void anOrderNobodyCollectsIsRemindedThenExpiresAndItsStockReturns() throws Exception {
        String sku = "SKU-0007";
        Placed placed = checkout(sku, 1, "tok_visa");
        awaitStatus(placed, "PICKING");
        pick(placed, sku, 1);
        awaitStatus(placed, "READY_FOR_PICKUP");

        advanceClock(Duration.ofDays(2).plusMinutes(1));
        await().atMost(ASYNC)
                .untilAsserted(() -> assertThat(notificationTypes(placed)).contains("PICKUP_REMINDER"));
        advanceClock(Duration.ofDays(1).plusMinutes(1));

        awaitStatus(placed, "EXPIRED");
        awaitAvailable(sku, SEEDED_UNITS);
        awaitPayments(placed, "PaymentAuthorized: CARD, 17.99 EUR, attempt 1", "PaymentVoided: 17.99 EUR released");
        await().atMost(ASYNC)
                .untilAsserted(() -> assertThat(notificationTypes(placed)).contains("ORDER_EXPIRED"));
    }

    @Test
    void checkoutsRacingForTheLastUnitsConfirmExactlyAsManyAsThereAre() throws Exception {
        String sku = "SKU-0008";
        HttpResponse<String> counted = store(
                "POST",
                "/stock",
                "{\"sku\": \"%s\", \"quantity\": 3, \"reason\": \"COUNT_CORRECTION\"}".formatted(sku));
        assertThat(counted.statusCode()).as(counted.body()).isEqualTo(202);

        List<Callable<Placed>> racers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            racers.add(() -> checkout(sku, 1, "tok_visa"));
        }
        List<Placed> orders = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (Future<Placed> placed : pool.invokeAll(racers)) {
                orders.add(placed.get());
            }
        }

        List<String> outcomes = new ArrayList<>();
        for (Placed placed : orders) {
            outcomes.add(
                    awaitStatus(placed, "PICKING", "CANCELLED").path("status").asText());
        }
        assertThat(outcomes).filteredOn("PICKING"::equals).hasSize(3);
        assertThat(outcomes).filteredOn("CANCELLED"::equals).hasSize(3);
        assertThat(available(sku)).isZero();
    }

    @Test
    void badInputAtTheStoreRoutesIsRefusedAndChangesNothing() throws Exception {
        String sku = "SKU-0009";
        Placed placed = checkout(sku, 2, "tok_visa");
        awaitStatus(placed, "PICKING");
        awaitPickTask(placed);

        assertThat(store(
                                "POST",
                                "/orders/" + placed.orderId() + "/picked",
                                "{\"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": 9}]}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(store("POST", "/orders/" + placed.orderId() + "/picked", "not json")
                        .statusCode())
                .isEqualTo(400);
        HttpResponse<String> otherStore = call(
                "GET",
                storefront + "/stores/store-002/pick-tasks",
                null,
                Map.of("Authorization", "Bearer " + staffToken(STORE)));
        assertThat(otherStore.statusCode()).isEqualTo(403);
        assertThat(call("GET", storefront + "/stores/" + STORE + "/pick-tasks", null, Map.of())
                        .statusCode())
                .isEqualTo(401);
        assertThat(store("POST", "/stock", "{\"sku\": \"" + sku + "\", \"quantity\": -1, \"reason\": \"RECEIVED\"}")
                        .statusCode())
                .isEqualTo(400);

        assertThat(order(placed).path("status").asText()).isEqualTo("PICKING");
        assertThat(available(sku)).isEqualTo(SEEDED_UNITS - 2);
    }

    @Test
    void badInputAtTheStorefrontRoutesIsRefusedAsProblemsAndChangesNothing() throws Exception {
        String sku = "SKU-0016";
        String key = "journey-bad-" + UUID.randomUUID();
        Map<String, String> keyed = Map.of("Idempotency-Key", key);
        String valid = """
                {"customer": {"customerId": "c-123", "email": "ana@example.com"},
                 "lines": [{"sku": "%s", "quantity": 1}],
                 "fulfillment": {"type": "PICKUP", "storeId": "%s"},
                 "payment": {"methods": [{"type": "CARD", "token": "tok_visa"}]}}""".formatted(sku, STORE);

        assertProblem(call("POST", storefront + "/orders", "{\"lines\": [", keyed), 400);
        HttpResponse<String> badFields = call(
                "POST",
                storefront + "/orders",
                valid.replace("\"quantity\": 1", "\"quantity\": 0").replace(STORE, "store-404"),
                keyed);
        assertProblem(badFields, 400);
        assertThat(badFields.body()).contains("lines[0].quantity", "fulfillment.storeId");
        assertProblem(call("POST", storefront + "/orders", valid.replace(sku, "SKU-9999"), keyed), 400);
        assertProblem(call("POST", storefront + "/orders", valid, Map.of()), 400);
        assertProblem(call("POST", storefront + "/orders", "{\"pad\": \"" + "x".repeat(64 * 1024) + "\"}", keyed), 413);
        // None of the refusals kept the key: the corrected checkout under it is accepted, and only once.
        HttpResponse<String> accepted = call("POST", storefront + "/orders", valid, keyed);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertProblem(call("POST", storefront + "/orders", valid.replace("tok_visa", "tok_wallet"), keyed), 422);
        JsonNode answer = JSON.readTree(accepted.body());
        Placed placed = new Placed(
                answer.path("orderId").asText(), answer.path("orderToken").asText());
        awaitStatus(placed, "PICKING");

        String order = storefront + "/orders/" + placed.orderId();
        assertProblem(call("GET", order, null, Map.of()), 401);
        Placed other = checkout(sku, 1, "tok_visa");
        HttpResponse<String> foreign = call("GET", order, null, Map.of("Authorization", Shop.bearer(other)));
        String noSuchOrder = placed.orderId().substring(0, placed.orderId().length() - 1)
                + (placed.orderId().endsWith("a") ? "b" : "a");
        HttpResponse<String> missing =
                call("GET", storefront + "/orders/" + noSuchOrder, null, Map.of("Authorization", Shop.bearer(other)));
        assertProblem(foreign, 404);
        assertThat(foreign.body()).as("another's order reads as a missing one").isEqualTo(missing.body());
        assertProblem(call("POST", order + "/cancel", null, Map.of("Authorization", Shop.bearer(other))), 404);
        assertProblem(
                customer("POST", placed, "/payment-methods", "{\"methods\": [{\"type\": \"CARD\", \"token\": 42}]}"),
                400);
        assertProblem(
                customer(
                        "POST",
                        placed,
                        "/payment-methods",
                        "{\"methods\": [{\"type\": \"CARD\", \"token\": \"tok_visa\"}]}"),
                409);

        String availability = storefront + "/stores/" + STORE + "/availability";
        assertProblem(call("GET", availability + "?sku=SKU-9999", null, Map.of()), 400);
        assertProblem(call("GET", availability, null, Map.of()), 400);
        assertProblem(call("GET", storefront + "/stores/store-404/availability?sku=" + sku, null, Map.of()), 404);

        assertThat(order(placed).path("status").asText()).isEqualTo("PICKING");
        awaitAvailable(sku, SEEDED_UNITS - 2);
    }

    private static void assertProblem(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "ana@example.com");
    }

    @Test
    void aCustomerWhoCancelsAParkedPaymentEndsTheOrderAndCannotResumeIt() throws Exception {
        String sku = "SKU-0010";
        Placed placed = checkout(sku, 1, "tok_decline");
        awaitStatus(placed, "PAYMENT_FAILED");

        assertThat(customer("POST", placed, "/cancel", null).statusCode()).isEqualTo(202);
        assertThat(customer(
                                "POST",
                                placed,
                                "/payment-methods",
                                "{\"methods\": [{\"type\": \"CARD\", \"token\": \"tok_visa\"}]}")
                        .statusCode())
                .isEqualTo(409);

        assertThat(order(placed).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(available(sku)).isEqualTo(SEEDED_UNITS);
    }

    @Test
    void aCancelWhileTheOrderWaitsAtTheStoreReleasesItsStock() throws Exception {
        String sku = "SKU-0011";
        Placed placed = checkout(sku, 2, "tok_visa");
        awaitStatus(placed, "PICKING");
        pick(placed, sku, 2);
        awaitStatus(placed, "READY_FOR_PICKUP");

        assertThat(customer("POST", placed, "/cancel", null).statusCode()).isEqualTo(202);

        awaitAvailable(sku, SEEDED_UNITS);
        assertThat(order(placed).path("status").asText()).isEqualTo("CANCELLED");
        JsonNode code = order(placed).path("pickupCode");
        assertThat(code.isMissingNode() || code.isNull())
                .as("a cancelled order shows no code")
                .isTrue();
    }

    @Test
    void aFlakyProviderIsRetriedUntilThePaymentGoesThrough() throws Exception {
        String sku = "SKU-0012";
        Placed placed = checkout(sku, 1, "tok_flaky");

        JsonNode picking = awaitStatus(placed, "PICKING");

        assertThat(timeline(picking)).doesNotContain("OrderPaymentFailed");
        awaitPayments(placed, "PaymentAuthorized: CARD, 15.99 EUR, attempt 1");
        awaitAvailable(sku, SEEDED_UNITS - 1);
    }

    @Test
    void aProviderThatFailsThreeCallsInARowIsRetriedFromTheQueueAndThePaymentGoesThrough() throws Exception {
        String sku = "SKU-0015";
        // Three failures outlast the consumer's in-process retries (three calls), so the message goes back
        // to the queue with a backoff and the next delivery authorizes.
        injectFault("{\"service\": \"payments\", \"operation\": \"Authorize\", \"errorRate\": 1, \"latencyMs\": 0,"
                + " \"count\": 3}");
        try {
            Placed placed = checkout(sku, 1, "tok_visa");

            JsonNode picking = awaitStatus(placed, "PICKING");

            assertThat(timeline(picking)).doesNotContain("OrderPaymentFailed");
            awaitPayments(placed, "PaymentAuthorized: CARD, 19.99 EUR, attempt 1");
            awaitAvailable(sku, SEEDED_UNITS - 1);
        } finally {
            clearFaults();
        }
    }

    @Test
    void aProviderThatStaysDownFailsThePaymentAfterTheLastRedeliveryAndParksTheMessage() throws Exception {
        String sku = "SKU-0017";
        String failureQueue = paymentsFailureQueue();
        int parkedBefore = messagesIn(failureQueue);
        injectFault("{\"service\": \"payments\", \"operation\": \"Authorize\", \"errorRate\": 1, \"latencyMs\": 0}");
        try {
            Placed placed = checkout(sku, 1, "tok_visa");

            // Each delivery finds the provider down and hands the message back for 10, 20, 40, then 80 s of
            // the queue's time (the consumer's redelivery policy); the fifth is the queue's last and answers
            // FAILED. Steps of the shortest delay pass each wait without ever outrunning a delivery still
            // at work (the queue's own timeout is minutes), instead of waiting 150 s of wall time.
            await().atMost(ASYNC.multipliedBy(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        advanceClock(Duration.ofSeconds(10));
                        return "PAYMENT_FAILED"
                                .equals(order(placed).path("status").asText());
                    });

            assertThat(timeline(order(placed))).containsExactly("OrderPlaced", "OrderPaymentFailed");
            awaitPayments(placed, "PaymentFailed: 7.99 EUR not charged (technical failure), attempt 1");
            awaitAvailable(sku, SEEDED_UNITS);
            await().atMost(ASYNC)
                    .untilAsserted(() -> assertThat(notificationTypes(placed)).containsExactly("PAYMENT_FAILED"));
            // The last delivery is still reported failed, so once the queue's visibility timeout has passed
            // the queue moves the message to its failure queue (where its alarm pages) instead of a sixth
            // delivery.
            await().atMost(ASYNC).pollInterval(Duration.ofSeconds(1)).until(() -> {
                advanceClock(Duration.ofSeconds(60));
                return messagesIn(failureQueue) == parkedBefore + 1;
            });
        } finally {
            clearFaults();
        }
    }

    /** The payments failure queue, found as an operator would: by its name, through the SQS API. */
    private static String paymentsFailureQueue() {
        try (SqsClient sqs = StackClients.at(URI.create(awsEndpoint), stack, SqsClient.builder())
                .build()) {
            List<String> queues = sqs.listQueues(b -> b.maxResults(1000)).queueUrls().stream()
                    .filter(url -> url.contains("PaymentsFailureQueue"))
                    .toList();
            assertThat(queues).hasSize(1);
            return queues.getFirst();
        }
    }

    private static int messagesIn(String queueUrl) {
        try (SqsClient sqs = StackClients.at(URI.create(awsEndpoint), stack, SqsClient.builder())
                .build()) {
            return Integer.parseInt(sqs.getQueueAttributes(
                            b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    .attributesAsStrings()
                    .get("ApproximateNumberOfMessages"));
        }
    }

    @Test
    void aFaultForAnOperationTheProviderDoesNotHaveIsRefused() throws Exception {
        HttpResponse<String> refused = call(
                "POST",
                awsEndpoint + "/_local/faults",
                "{\"service\": \"payments\", \"operation\": \"Teleport\", \"errorRate\": 1, \"latencyMs\": 0}",
                Map.of());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("Authorize");
    }

    @Test
    void aDuplicatedOrderPlacedChangesNothingInHowTheOrderEnds() throws Exception {
        String sku = "SKU-0013";
        Placed placed = checkout(sku, 2, "tok_visa");
        awaitStatus(placed, "PICKING");
        awaitPickTask(placed);

        // The same order published again, as an at-least-once bus may deliver it (a new event id).
        try (EventBridgeClient events = StackClients.at(URI.create(awsEndpoint), stack, EventBridgeClient.builder())
                .build()) {
            var result = events.putEvents(b -> b.entries(e -> e.eventBusName(eventBus)
                    .source("commerce.ordering")
                    .detailType("OrderPlaced")
                    .detail(("{\"metadata\": {\"eventId\": \"%s\", \"eventType\": \"OrderPlaced\","
                                    + " \"schemaVersion\": 1, \"occurredAt\": \"2026-11-21T09:00:00Z\","
                                    + " \"correlationId\": \"journey-duplicate\", \"causationId\": \"journey-duplicate\","
                                    + " \"aggregateId\": \"%s\", \"sequence\": 1},"
                                    + " \"data\": {\"orderId\": \"%s\", \"customerId\": \"c-123\", \"storeId\": \"%s\","
                                    + " \"fulfillmentType\": \"PICKUP\", \"lines\": [{\"sku\": \"%s\", \"quantity\": 2,"
                                    + " \"unitPriceCents\": 1299}], \"totalCents\": 2598, \"currency\": \"EUR\","
                                    + " \"paymentMethods\": [{\"type\": \"CARD\", \"token\": \"tok_visa\"}]}}")
                            .formatted(UUID.randomUUID(), placed.orderId(), placed.orderId(), STORE, sku))));
            assertThat(result.failedEntryCount()).isZero();
        }
        // Every step downstream is idempotent too, so a duplicate shows only in what the order ends as:
        // carried through to the end, it is collected once, with each step once, and stock taken once.
        pick(placed, sku, 2);
        String code = awaitStatus(placed, "READY_FOR_PICKUP").path("pickupCode").asText();
        assertThat(collect(placed, code).statusCode()).isEqualTo(202);

        assertThat(timeline(awaitStatus(placed, "COLLECTED")))
                .containsExactly(
                        "OrderPlaced",
                        "OrderConfirmed",
                        "OrderPickingStarted",
                        "OrderReadyForPickup",
                        "OrderCollected");
        assertThat(available(sku)).isEqualTo(SEEDED_UNITS - 2);
        await().atMost(ASYNC)
                .untilAsserted(() ->
                        assertThat(notificationTypes(placed)).containsExactly("ORDER_CONFIRMED", "READY_FOR_PICKUP"));
    }

    @Test
    void theStoresDevicesHearOfTheirOwnOrdersOnly() throws Exception {
        String sku = "SKU-0014";
        List<String> atStore = new CopyOnWriteArrayList<>();
        List<String> atOtherStore = new CopyOnWriteArrayList<>();
        WebSocket device = connect(STORE, atStore);
        WebSocket otherDevice = connect("store-002", atOtherStore);
        try {
            Placed placed = checkout(sku, 1, "tok_visa");
            await().atMost(ASYNC)
                    .until(() -> atStore.stream()
                            .anyMatch(m -> m.contains("PickTaskCreated") && m.contains(placed.orderId())));

            assertThat(customer("POST", placed, "/cancel", null).statusCode()).isEqualTo(202);
            await().atMost(ASYNC)
                    .until(() -> atStore.stream()
                            .anyMatch(m -> m.contains("OrderCancelled") && m.contains(placed.orderId())));
            assertThat(atOtherStore).noneMatch(m -> m.contains(placed.orderId()));
        } finally {
            device.abort();
            otherDevice.abort();
        }
    }

    private static WebSocket connect(String store, List<String> received) throws Exception {
        return HTTP.newWebSocketBuilder()
                .buildAsync(
                        URI.create(storeSocket + "?storeId=" + store + "&token=" + staffToken(store)),
                        new WebSocket.Listener() {
                            private final StringBuilder partial = new StringBuilder();

                            @Override
                            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                                partial.append(data);
                                if (last) {
                                    received.add(partial.toString());
                                    partial.setLength(0);
                                }
                                socket.request(1);
                                return null;
                            }
                        })
                .get(30, TimeUnit.SECONDS);
    }
}
