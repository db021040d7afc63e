package dev.asynccommerce.localstack.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asynccommerce.localstack.deployer.CloudAssembly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.xray.XRayClient;
import software.amazon.awssdk.services.xray.model.Segment;
import software.amazon.awssdk.services.xray.model.Trace;
import software.amazon.awssdk.services.xray.model.TraceSummary;

/**
 * "X-Ray traces every hop", on the project's own deployed stack: a checkout sent with a chosen trace
 * header is followed through X-Ray's API only (the unmodified SDK {@link XRayClient} on the deployment's
 * AwsEndpoint) — HTTP API → checkout function → outbox → relay → EventBridge → StartFulfillment function
 * → StartExecution → the BOPIS state machine, all under the one Root; then the payments queue → the
 * payments consumer, which AWS runs in a trace of its own that links to the sender's
 * (xray-tracelinking): the test follows that link.
 */
class TracePropagationIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration ASYNC = Duration.ofSeconds(90);

    @TempDir
    static Path cdkOut;

    private static LocalStack stack;
    private static LocalDeployment.Result deployment;
    private static XRayClient xray;

    @BeforeAll
    static void deployTheRealStack() {
        RealTemplate.synthesize(cdkOut);
        stack = LocalStack.start(LocalStack.Options.defaults().withPort(0));
        deployment = stack.deploy(CloudAssembly.read(cdkOut, "AsyncCommerce"), Map.of());
        DemoData.seed(stack, deployment);
        xray = StackClients.at(URI.create(deployment.outputs().get("AwsEndpoint")), stack, XRayClient.builder())
                .build();
    }

    @AfterAll
    static void stop() {
        if (xray != null) {
            xray.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    /** The deployed name of the function or state machine whose logical id starts with {@code prefix}. */
    private static String deployed(String type, String logicalIdPrefix) {
        String logicalId = deployment.types().entrySet().stream()
                .filter(e -> e.getValue().equals(type) && e.getKey().startsWith(logicalIdPrefix))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " " + logicalIdPrefix + "*"));
        String physicalId = deployment.stack().resources().get(logicalId).physicalId();
        // A state machine's physical id is its ARN; its segments are named after the machine.
        return physicalId.startsWith("arn:") ? physicalId.substring(physicalId.lastIndexOf(':') + 1) : physicalId;
    }

    @Test
    void aCheckoutIsFollowedUnderItsRootThroughEveryHopAndIntoTheLinkedPaymentsTrace() throws Exception {
        String root = "1-%08x-%s"
                .formatted(
                        Instant.now().getEpochSecond(),
                        UUID.randomUUID().toString().replace("-", "").substring(0, 24));
        String callerParent = "53995c3f42cd8ad8";
        String checkoutFunction = deployed("AWS::Lambda::Function", "StorefrontPlaceOrderFunction");
        String startFulfillment = deployed("AWS::Lambda::Function", "BopisStartFulfillmentFunction");
        String stateMachine = deployed("AWS::StepFunctions::StateMachine", "WorkflowsBopisFulfillment");
        String paymentsConsumer = deployed("AWS::Lambda::Function", "BopisPaymentsConsumerFunction");
        Instant sent = stack.clock().now();

        HttpResponse<String> placed = checkout("Root=" + root + ";Parent=" + callerParent + ";Sampled=1");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);

        // Under the caller's Root: the checkout function (under the caller's Parent), StartFulfillment
        // (EventBridge → Lambda), and the state machine (StartExecution from StartFulfillment's SDK call).
        await().atMost(ASYNC).pollInterval(Duration.ofMillis(500)).until(() -> {
            List<JsonNode> segments = segmentsOf(root);
            return find(segments, stateMachine, "AWS::StepFunctions::StateMachine")
                    .filter(s -> subsegmentNamed(s, "Authorize").isPresent())
                    .isPresent();
        });
        List<JsonNode> trace = segmentsOf(root);
        JsonNode checkoutService = find(trace, checkoutFunction, "AWS::Lambda").orElseThrow();
        JsonNode checkoutSegment =
                find(trace, checkoutFunction, "AWS::Lambda::Function").orElseThrow();
        JsonNode startService = find(trace, startFulfillment, "AWS::Lambda").orElseThrow();
        JsonNode startSegment =
                find(trace, startFulfillment, "AWS::Lambda::Function").orElseThrow();
        JsonNode execution =
                find(trace, stateMachine, "AWS::StepFunctions::StateMachine").orElseThrow();
        assertThat(checkoutService.path("parent_id").asText()).isEqualTo(callerParent);
        assertThat(checkoutSegment.path("parent_id").asText())
                .isEqualTo(checkoutService.path("id").asText());
        // The relay ran in a trace of its own (a stream-triggered invocation); the event carried the
        // checkout's header, so StartFulfillment hangs under the checkout function's segment.
        assertThat(startService.path("parent_id").asText())
                .isEqualTo(checkoutSegment.path("id").asText());
        assertThat(execution.path("parent_id").asText())
                .isEqualTo(startSegment.path("id").asText());
        String authorize =
                subsegmentNamed(execution, "Authorize").orElseThrow().path("id").asText();

        // The payments consumer: a new trace whose Lambda segment links to the state machine's Authorize task.
        List<JsonNode> consumer = new ArrayList<>();
        await().atMost(ASYNC).pollInterval(Duration.ofMillis(500)).until(() -> {
            consumer.clear();
            consumer.addAll(linkedTo(root, paymentsConsumer, sent));
            return !consumer.isEmpty();
        });
        JsonNode linked = consumer.getFirst();
        assertThat(linked.path("trace_id").asText()).isNotEqualTo(root);
        assertThat(linked.path("origin").asText()).isEqualTo("AWS::Lambda");
        assertThat(linked.path("links").findValuesAsText("id")).contains(authorize);
    }

    private static HttpResponse<String> checkout(String traceHeader) throws Exception {
        String body = """
                {"customer": {"customerId": "c-trace", "email": "ana@example.com"},
                 "lines": [{"sku": "SKU-0007", "quantity": 1}],
                 "fulfillment": {"type": "PICKUP", "storeId": "store-001"},
                 "payment": {"methods": [{"type": "CARD", "token": "tok_visa"}]}}""";
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(deployment.outputs().get("StorefrontApiUrl") + "/orders"))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "trace-" + UUID.randomUUID())
                .header("X-Amzn-Trace-Id", traceHeader)
                .build();
        // As a storefront should: a 5xx (a cold function past its concurrency) is retried with the same key.
        AtomicReference<HttpResponse<String>> response = new AtomicReference<>();
        await().atMost(ASYNC).pollInterval(Duration.ofMillis(300)).until(() -> {
            response.set(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
            return response.get().statusCode() < 500;
        });
        return response.get();
    }

    /** Every segment document of a trace, through BatchGetTraces. */
    private static List<JsonNode> segmentsOf(String traceId) {
        List<JsonNode> out = new ArrayList<>();
        for (Trace trace : xray.batchGetTraces(b -> b.traceIds(traceId)).traces()) {
            trace.segments().stream()
                    .map(Segment::document)
                    .map(TracePropagationIT::json)
                    .forEach(out::add);
        }
        return out;
    }

    /**
     * The consumer's AWS::Lambda segments that link to {@code root}: the consumer's traces are found with
     * GetTraceSummaries and a {@code service("name")} filter, then read with BatchGetTraces (five at a time).
     */
    private static List<JsonNode> linkedTo(String root, String consumer, Instant since) {
        List<String> ids = xray
                .getTraceSummariesPaginator(b -> b.startTime(since.minusSeconds(60))
                        .endTime(stack.clock().now().plusSeconds(60))
                        .filterExpression("service(\"" + consumer + "\")"))
                .traceSummaries()
                .stream()
                .map(TraceSummary::id)
                .toList();
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += 5) {
            List<String> batch = ids.subList(i, Math.min(ids.size(), i + 5));
            for (Trace trace : xray.batchGetTraces(b -> b.traceIds(batch)).traces()) {
                for (Segment segment : trace.segments()) {
                    JsonNode document = json(segment.document());
                    if (document.path("name").asText().equals(consumer)
                            && document.path("origin").asText().equals("AWS::Lambda")
                            && document.path("links")
                                    .findValuesAsText("trace_id")
                                    .contains(root)) {
                        out.add(document);
                    }
                }
            }
        }
        return out;
    }

    private static Optional<JsonNode> find(List<JsonNode> segments, String name, String origin) {
        return segments.stream()
                .filter(s -> s.path("name").asText().equals(name)
                        && s.path("origin").asText().equals(origin))
                .findFirst();
    }

    private static Optional<JsonNode> subsegmentNamed(JsonNode segment, String name) {
        for (JsonNode subsegment : segment.path("subsegments")) {
            if (subsegment.path("name").asText().equals(name)) {
                return Optional.of(subsegment);
            }
        }
        return Optional.empty();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
