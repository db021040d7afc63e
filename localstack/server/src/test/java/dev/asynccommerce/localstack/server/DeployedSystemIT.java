package dev.asynccommerce.localstack.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asynccommerce.localstack.deployer.CloudAssembly;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The project's own synthesized stack, deployed into the local stack, used only through its outputs
 * and HTTP: the catalog answers, a checkout is accepted and readable with its token, and its
 * OrderPlaced travels outbox → stream → relay function → EventBridge bus like on AWS; a reset takes it
 * all back to the seeded state and the system works on.
 */
class DeployedSystemIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path cdkOut;

    private static LocalStack stack;
    private static LocalDeployment.Result deployment;
    /** Where the deployment says its functions reach AWS: clients here go the same way. */
    private static URI awsEndpoint;

    @BeforeAll
    static void deployTheRealStack() {
        RealTemplate.synthesize(cdkOut);
        stack = LocalStack.start(LocalStack.Options.defaults().withPort(0).withManualClock(Instant.now()));
        deployment = stack.deploy(CloudAssembly.read(cdkOut, "AsyncCommerce"), Map.of());
        awsEndpoint = URI.create(deployment.outputs().get("AwsEndpoint"));
        // As ./local-stack does: seed, and have POST /_local/reset seed again.
        Runnable seed = () -> DemoData.seed(stack, deployment);
        seed.run();
        stack.resetRestores(deployment, seed);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static String physicalId(String logicalIdPrefix) {
        return deployment.stack().resources().entrySet().stream()
                .filter(e -> e.getKey().startsWith(logicalIdPrefix))
                .findFirst()
                .orElseThrow()
                .getValue()
                .physicalId();
    }

    private static HttpResponse<String> call(String method, String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(deployment.outputs().get("StorefrontApiUrl") + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theStackSaysReadyOnceItIsDeployedAndSeeded() throws Exception {
        HttpResponse<String> health = HTTP.send(
                HttpRequest.newBuilder(awsEndpoint.resolve("/_local/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).path("status").asText()).isEqualTo("ready");
    }

    @Test
    void theOutputsPointAtTheLocalStack() {
        assertThat(deployment.outputs().get("StorefrontApiUrl")).startsWith(stack.endpoint() + "/_aws/execute-api/");
        assertThat(deployment.outputs().get("StoreSocketUrl"))
                .startsWith("ws://127.0.0.1:")
                .contains("/_aws/ws/");
        assertThat(deployment.outputs().get("AwsEndpoint"))
                .isEqualTo(stack.endpoint().toString());
        assertThat(deployment.notEmulatedTypes()).contains("AWS::IAM::Role", "AWS::CloudWatch::Alarm");
    }

    @Test
    void aStoreDeviceConnectsWithItsStoreTokenAndAnotherStoresTokenIsRefused() throws Exception {
        Map<String, String> tokens = DevTokens.mint(stack, deployment, Instant.now());
        String socket = deployment.outputs().get("StoreSocketUrl");

        WebSocket connected = HTTP.newWebSocketBuilder()
                .buildAsync(
                        URI.create(socket + "?storeId=store-001&token=" + tokens.get("store-001")),
                        new WebSocket.Listener() {})
                .get(30, TimeUnit.SECONDS);
        CompletionException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                CompletionException.class,
                () -> HTTP.newWebSocketBuilder()
                        .buildAsync(
                                URI.create(socket + "?storeId=store-002&token=" + tokens.get("store-001")),
                                new WebSocket.Listener() {})
                        .join());

        assertThat(connected.isOutputClosed()).isFalse();
        assertThat(refused.getCause())
                .isInstanceOfSatisfying(
                        WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
        try (DynamoDbClient dynamo =
                StackClients.at(awsEndpoint, stack, DynamoDbClient.builder()).build()) {
            var connections = dynamo.query(b -> b.tableName(physicalId("TablesFulfillment"))
                            .keyConditionExpression("pk = :store")
                            .expressionAttributeValues(Map.of(":store", AttributeValue.fromS("STORE#store-001"))))
                    .items();
            assertThat(connections).hasSize(1);
        }
        connected.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
    }

    @Test
    void theCatalogIsServedByTheCatalogFunctionThroughTheHttpApi() throws Exception {
        HttpResponse<String> items = call("GET", "/catalog/items", null, Map.of());

        assertThat(items.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(items.body()).path("items")).hasSize(20);
    }

    @Test
    void aCheckoutIsAcceptedReadableWithItsTokenAndItsOrderPlacedReachesTheBus() throws Exception {
        String queueArn;
        String queueUrl;
        try (SqsClient sqs =
                        StackClients.at(awsEndpoint, stack, SqsClient.builder()).build();
                EventBridgeClient events = StackClients.at(awsEndpoint, stack, EventBridgeClient.builder())
                        .build()) {
            queueUrl = sqs.createQueue(b -> b.queueName("test-order-events")).queueUrl();
            queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            String bus = deployment.outputs().get("EventBusName");
            events.putRule(b ->
                    b.name("test-order-placed").eventBusName(bus).eventPattern("{\"detail-type\": [\"OrderPlaced\"]}"));
            events.putTargets(b -> b.rule("test-order-placed")
                    .eventBusName(bus)
                    .targets(t -> t.id("q").arn(queueArn)));
        }
        String checkout = """
                {"customer": {"customerId": "c-123", "email": "ana@example.com"},
                 "lines": [{"sku": "SKU-0001", "quantity": 2}],
                 "fulfillment": {"type": "PICKUP", "storeId": "store-001"},
                 "payment": {"methods": [{"type": "CARD", "token": "tok_visa"}]}}""";

        HttpResponse<String> accepted = call(
                "POST",
                "/orders",
                checkout,
                Map.of(
                        "Content-Type",
                        "application/json",
                        "Idempotency-Key",
                        UUID.randomUUID().toString()));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode order = JSON.readTree(accepted.body());
        HttpResponse<String> read = call(
                "GET",
                "/orders/" + order.path("orderId").asText(),
                null,
                Map.of("Authorization", "Bearer " + order.path("orderToken").asText()));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).path("status").asText()).isEqualTo("PENDING_PAYMENT");

        try (SqsClient sqs =
                StackClients.at(awsEndpoint, stack, SqsClient.builder()).build()) {
            List<Message> published = sqs.receiveMessage(
                            b -> b.queueUrl(queueUrl).waitTimeSeconds(20))
                    .messages();
            assertThat(published).singleElement().satisfies(m -> {
                JsonNode event = JSON.readTree(m.body());
                assertThat(event.path("source").asText()).isEqualTo("commerce.ordering");
                assertThat(event.path("detail").path("data").path("orderId").asText())
                        .isEqualTo(order.path("orderId").asText());
                assertThat(m.body()).doesNotContain("ana@example.com");
            });
        }
    }

    private static final String CHECKOUT = """
            {"customer": {"customerId": "c-123", "email": "ana@example.com"},
             "lines": [{"sku": "SKU-0001", "quantity": 2}],
             "fulfillment": {"type": "PICKUP", "storeId": "store-001"},
             "payment": {"methods": [{"type": "CARD", "token": "tok_visa"}]}}""";

    private static JsonNode checkout() throws Exception {
        HttpResponse<String> accepted = call(
                "POST",
                "/orders",
                CHECKOUT,
                Map.of(
                        "Content-Type",
                        "application/json",
                        "Idempotency-Key",
                        UUID.randomUUID().toString()));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return JSON.readTree(accepted.body());
    }

    private static HttpResponse<String> readOrder(JsonNode order) throws Exception {
        return call(
                "GET",
                "/orders/" + order.path("orderId").asText(),
                null,
                Map.of("Authorization", "Bearer " + order.path("orderToken").asText()));
    }

    private static HttpResponse<String> availability(String sku) throws Exception {
        return call("GET", "/stores/store-001/availability?sku=" + sku, null, Map.of());
    }

    /** Deletes every item of a table behind the system's back, to see that a reset restores it. */
    private static void wipe(DynamoDbClient dynamo, String table) {
        List<String> keys = dynamo.describeTable(b -> b.tableName(table)).table().keySchema().stream()
                .map(k -> k.attributeName())
                .toList();
        dynamo.scanPaginator(b -> b.tableName(table))
                .items()
                .forEach(item -> dynamo.deleteItem(b -> b.tableName(table)
                        .key(item.entrySet().stream()
                                .filter(e -> keys.contains(e.getKey()))
                                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))));
    }

    @Test
    void aResetEmptiesOrdersAndQueuesRestoresTheSeedAndTheSystemWorksOn() throws Exception {
        JsonNode before = checkout();
        assertThat(readOrder(before).statusCode()).isEqualTo(200);
        String probe;
        try (SqsClient sqs =
                        StackClients.at(awsEndpoint, stack, SqsClient.builder()).build();
                DynamoDbClient dynamo = StackClients.at(awsEndpoint, stack, DynamoDbClient.builder())
                        .build()) {
            probe = sqs.createQueue(b -> b.queueName("reset-probe")).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(probe).messageBody("from before the reset"));
            wipe(dynamo, physicalId("TablesCatalog"));
            wipe(dynamo, physicalId("TablesInventory"));
        }
        assertThat(JSON.readTree(call("GET", "/catalog/items", null, Map.of()).body())
                        .path("items"))
                .as("precondition: the seed is gone")
                .isEmpty();
        assertThat(availability("SKU-0002").statusCode()).isEqualTo(404);

        HttpResponse<String> reset = HTTP.send(
                HttpRequest.newBuilder(URI.create(deployment.outputs().get("AwsEndpoint") + "/_local/reset"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        assertThat(JSON.readTree(reset.body()).path("status").asText()).isEqualTo("ready");
        assertThat(readOrder(before).statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(call("GET", "/catalog/items", null, Map.of()).body())
                        .path("items"))
                .hasSize(20);
        HttpResponse<String> stock = availability("SKU-0002");
        assertThat(stock.statusCode()).as(stock.body()).isEqualTo(200);
        assertThat(JSON.readTree(stock.body()).path("items"))
                .singleElement()
                .satisfies(i -> assertThat(i.path("available").asInt()).isEqualTo(25));

        try (SqsClient sqs =
                        StackClients.at(awsEndpoint, stack, SqsClient.builder()).build();
                EventBridgeClient events = StackClients.at(awsEndpoint, stack, EventBridgeClient.builder())
                        .build()) {
            assertThat(sqs.receiveMessage(b -> b.queueUrl(probe).waitTimeSeconds(0))
                            .messages())
                    .as("the queue was purged")
                    .isEmpty();
            // The outbox relay's stream mapping runs again: a new order still reaches the bus.
            String queueUrl =
                    sqs.createQueue(b -> b.queueName("reset-order-events")).queueUrl();
            String queueArn = sqs.getQueueAttributes(
                            b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            String bus = deployment.outputs().get("EventBusName");
            events.putRule(b -> b.name("reset-order-placed")
                    .eventBusName(bus)
                    .eventPattern("{\"detail-type\": [\"OrderPlaced\"]}"));
            events.putTargets(b -> b.rule("reset-order-placed")
                    .eventBusName(bus)
                    .targets(t -> t.id("q").arn(queueArn)));

            JsonNode after = checkout();

            HttpResponse<String> read = readOrder(after);
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(read.body()).path("status").asText()).isEqualTo("PENDING_PAYMENT");
            List<Message> published = sqs.receiveMessage(
                            b -> b.queueUrl(queueUrl).waitTimeSeconds(20).maxNumberOfMessages(10))
                    .messages();
            assertThat(published)
                    .as("only the new order's event: nothing from before the reset is published again")
                    .singleElement()
                    .satisfies(m -> assertThat(JSON.readTree(m.body())
                                    .path("detail")
                                    .path("data")
                                    .path("orderId")
                                    .asText())
                            .isEqualTo(after.path("orderId").asText()));
            events.removeTargets(
                    b -> b.rule("reset-order-placed").eventBusName(bus).ids("q"));
            events.deleteRule(b -> b.name("reset-order-placed").eventBusName(bus));
        }
    }
}
