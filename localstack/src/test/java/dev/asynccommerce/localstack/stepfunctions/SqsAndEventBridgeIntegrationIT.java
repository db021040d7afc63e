package dev.asynccommerce.localstack.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.asynccommerce.localstack.clock.VirtualClock;
import dev.asynccommerce.localstack.spi.TraceHeader;
import dev.asynccommerce.localstack.stepfunctions.integration.EventBridgeIntegration;
import dev.asynccommerce.localstack.stepfunctions.integration.SqsIntegration;
import dev.asynccommerce.localstack.stepfunctions.testing.AslHarness;
import dev.asynccommerce.localstack.stepfunctions.testing.AslRun;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The {@code sqs:sendMessage} and {@code events:putEvents} integrations, request-response and
 * {@code .waitForTaskToken}, through the real SDK clients: SQS against ElasticMQ embedded in this
 * JVM, PutEvents against a recorder speaking AWS JSON 1.1 (the local EventBridge is built elsewhere).
 * Sources: https://docs.aws.amazon.com/step-functions/latest/dg/connect-sqs.html and
 * connect-eventbridge.html; expected output shapes and the failed-entry error as AWS recorded them
 * (TaskSucceeded/TaskFailed events in localstack/localstack's test_sqs_task_service and
 * test_events_task_service snapshots).
 */
class SqsAndEventBridgeIntegrationIT {
    private static SQSRestServer elasticMq;
    private static SqsClient sqs;
    private static HttpServer eventsRecorder;
    private static EventBridgeClient events;
    private static final List<JsonNode> putEventsRequests = new CopyOnWriteArrayList<>();
    private String queueUrl;

    @BeforeAll
    static void start() throws IOException {
        elasticMq = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withDynamicPort()
                .start();
        int sqsPort = elasticMq.waitUntilStarted().localAddress().getPort();
        sqs = SqsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + sqsPort))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();

        eventsRecorder = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        eventsRecorder.createContext("/", exchange -> {
            JsonNode request = Json.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            boolean putEvents =
                    "AWSEvents.PutEvents".equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            byte[] body;
            if (putEvents) {
                putEventsRequests.add(request);
                body = Json.write(putEventsResponse(request)).getBytes(StandardCharsets.UTF_8);
            } else {
                body = "{\"__type\":\"UnknownOperationException\"}".getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.getResponseHeaders()
                    .add("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(putEvents ? 200 : 400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        eventsRecorder.start();
        events = EventBridgeClient.builder()
                .endpointOverride(URI.create(
                        "http://127.0.0.1:" + eventsRecorder.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** What PutEvents answers: an entry without Source fails with AWS's recorded code and message. */
    private static ObjectNode putEventsResponse(JsonNode request) {
        ObjectNode response = Json.object();
        ArrayNode entries = response.putArray("Entries");
        int failed = 0;
        for (JsonNode entry : request.path("Entries")) {
            if (entry.hasNonNull("Source")) {
                entries.addObject().put("EventId", UUID.randomUUID().toString());
            } else {
                failed++;
                entries.addObject()
                        .put("ErrorCode", "InvalidArgument")
                        .put("ErrorMessage", "Parameter Source is not valid. Reason: Source is a required argument.");
            }
        }
        response.put("FailedEntryCount", failed);
        return response;
    }

    @AfterAll
    static void stop() {
        sqs.close();
        events.close();
        eventsRecorder.stop(0);
        elasticMq.stopAndWait();
    }

    @BeforeEach
    void queue() {
        queueUrl = sqs.createQueue(b -> b.queueName("sfn-" + UUID.randomUUID())).queueUrl();
        putEventsRequests.clear();
    }

    private static AslHarness harness(String definition) {
        return AslHarness.of(definition)
                .integration(new SqsIntegration(sqs))
                .integration(new EventBridgeIntegration(events));
    }

    private List<Message> received() {
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10))
                .messages();
    }

    private static String md5(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void sendMessageDeliversTheJsonBodyAndAnswersAwsOutputShape() throws NoSuchAlgorithmException {
        AslRun run = harness("""
                {"StartAt":"Send","States":{"Send":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage",
                 "Parameters":{"QueueUrl.$":"$.queue","MessageBody":{"orderId.$":"$.orderId"}},"End":true}}}""").start("{\"queue\":\"" + queueUrl + "\",\"orderId\":\"o-1\"}");

        assertThat(run.status()).isEqualTo("SUCCEEDED");
        List<Message> messages = received();
        assertThat(messages).hasSize(1);
        assertThat(messages.getFirst().body()).isEqualTo("{\"orderId\":\"o-1\"}");
        JsonNode output = run.outputJson();
        // Recorded on AWS: MD5OfMessageBody, MessageId, SdkHttpMetadata, SdkResponseMetadata.
        assertThat(output.properties().stream().map(java.util.Map.Entry::getKey))
                .containsExactlyInAnyOrder("MD5OfMessageBody", "MessageId", "SdkHttpMetadata", "SdkResponseMetadata");
        assertThat(output.get("MD5OfMessageBody").asText()).isEqualTo(md5("{\"orderId\":\"o-1\"}"));
        assertThat(output.get("MessageId").asText())
                .isEqualTo(messages.getFirst().messageId());
        assertThat(output.get("SdkHttpMetadata").get("HttpStatusCode").asInt()).isEqualTo(200);
        assertThat(output.get("SdkHttpMetadata")
                        .get("HttpHeaders")
                        .get("Content-Type")
                        .asText())
                .isEqualTo("application/x-amz-json-1.0");
    }

    @Test
    void sendMessageWaitForTaskTokenCarriesTheTokenAndResumesOnSuccess() {
        AslRun run = harness("""
                {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                 "Parameters":{"QueueUrl.$":"$.queue","MessageBody":{"token.$":"$$.Task.Token"}},"End":true}}}""").start("{\"queue\":\"" + queueUrl + "\"}");

        assertThat(run.status()).isEqualTo("RUNNING");
        String token = Json.parse(received().getFirst().body()).get("token").asText();
        assertThat(token).isEqualTo(run.taskToken("Ask"));
        assertThat(run.eventTypes()).contains("TaskSubmitted");

        run.sendTaskSuccess("Ask", "{\"picked\":true}");

        assertThat(run.status()).isEqualTo("SUCCEEDED");
        assertThat(run.outputJson()).isEqualTo(Json.parse("{\"picked\":true}"));
    }

    @Test
    void anUnmodeledSqsErrorIsAnAmazonSqsExceptionAsAwsNamesIt() {
        // A DelaySeconds over 900 is refused by SQS with a 400 that has no modeled exception type.
        AslRun run = harness("""
                {"StartAt":"Send","States":{"Send":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage",
                 "Parameters":{"QueueUrl.$":"$.queue","MessageBody":"x","DelaySeconds":901},"End":true}}}""").start("{\"queue\":\"" + queueUrl + "\"}");

        // Recorded on AWS for another unmodeled error: error SQS.AmazonSQSException, cause "The request
        // must contain the parameter MessageBody. (Service: AmazonSQS; Status Code: 400; Error Code:
        // MissingParameter; Request ID: ...; Proxy: null)".
        assertThat(run.error()).isEqualTo("SQS.AmazonSQSException");
        assertThat(run.cause())
                .contains("(Service: AmazonSQS; Status Code: 400; Error Code: ")
                .endsWith("; Proxy: null)");
    }

    @Test
    void putEventsSendsTheDetailAsTextAndAnswersEntriesAndFailedEntryCount() {
        AslRun run = harness("""
                {"StartAt":"Emit","States":{"Emit":{"Type":"Task","Resource":"arn:aws:states:::events:putEvents",
                 "Parameters":{"Entries":[{"Source":"async-commerce.orders","DetailType":"OrderPlaced",
                   "Detail":{"orderId.$":"$.orderId"},"EventBusName":"commerce"}]},"End":true}}}""").start("{\"orderId\":\"o-2\"}");

        assertThat(run.status()).isEqualTo("SUCCEEDED");
        JsonNode sent = putEventsRequests.getFirst().get("Entries").get(0);
        assertThat(sent.get("Detail").asText()).isEqualTo("{\"orderId\":\"o-2\"}");
        assertThat(sent.get("DetailType").asText()).isEqualTo("OrderPlaced");
        assertThat(sent.get("EventBusName").asText()).isEqualTo("commerce");
        // Recorded on AWS: {"Entries":[{"EventId":"..."}],"FailedEntryCount":0}
        JsonNode output = run.outputJson();
        assertThat(output.get("FailedEntryCount").asInt()).isZero();
        assertThat(output.get("Entries")).hasSize(1);
        assertThat(output.get("Entries").get(0).fieldNames()).toIterable().containsExactly("EventId");
    }

    @Test
    void aFailedEntryFailsTheTaskWithEventBridgeFailedEntryAndTheResponseAsCause() {
        AslRun run = harness("""
                {"StartAt":"Emit","States":{"Emit":{"Type":"Task","Resource":"arn:aws:states:::events:putEvents",
                 "Parameters":{"Entries":[{"Source":"ok","DetailType":"A","Detail":{}},{"DetailType":"B","Detail":{}}]},
                 "End":true}}}""").start("{}");

        // Recorded on AWS (test_put_events_no_source): error EventBridge.FailedEntry, cause
        // {"Entries":[{"EventId":"..."},{"ErrorCode":"InvalidArgument","ErrorMessage":"Parameter Source is
        // not valid. Reason: Source is a required argument."}],"FailedEntryCount":1}
        assertThat(run.error()).isEqualTo("EventBridge.FailedEntry");
        JsonNode cause = Json.parse(run.cause());
        assertThat(cause.get("FailedEntryCount").asInt()).isEqualTo(1);
        assertThat(cause.get("Entries").get(0).has("EventId")).isTrue();
        assertThat(cause.get("Entries").get(1))
                .isEqualTo(Json.parse("{\"ErrorCode\":\"InvalidArgument\",\"ErrorMessage\":"
                        + "\"Parameter Source is not valid. Reason: Source is a required argument.\"}"));
        assertThat(run.eventTypes()).containsSubsequence("TaskFailed", "ExecutionFailed");
    }

    @Test
    void aTracedExecutionsMessageAndEntriesCarryItsTraceUnderEachTasksSubsegment() {
        List<String> segments = new CopyOnWriteArrayList<>();
        VirtualClock clock = VirtualClock.manual(Instant.parse("2026-11-21T09:00:00Z"));
        StepFunctionsEngine engine = StepFunctionsEngine.builder()
                .clock(clock)
                .integration(new SqsIntegration(sqs))
                .integration(new EventBridgeIntegration(events))
                .segments(segments::add)
                .build();
        try {
            StateMachine machine =
                    engine.createStateMachine("traced", """
                    {"StartAt":"Send","States":{
                     "Send":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage",
                      "Parameters":{"QueueUrl.$":"$.queue","MessageBody":"x"},"ResultPath":null,"Next":"Emit"},
                     "Emit":{"Type":"Task","Resource":"arn:aws:states:::events:putEvents",
                      "Parameters":{"Entries":[{"Source":"a","DetailType":"A","Detail":{}},
                        {"Source":"b","DetailType":"B","Detail":{},"TraceHeader":"Root=1-5759e988-000000000000000000000002"}]},
                      "End":true}}}""", "arn:aws:iam::000000000000:role/sfn", null, true);
            engine.startExecution(
                    machine.arn(),
                    "e-1",
                    "{\"queue\":\"" + queueUrl + "\"}",
                    "Root=1-5759e988-000000000000000000000001;Parent=1111111111111111;Sampled=1");
            assertThat(engine.awaitIdle(java.time.Duration.ofSeconds(10))).isTrue();

            Message message = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                            .messageSystemAttributeNames(MessageSystemAttributeName.AWS_TRACE_HEADER))
                    .messages()
                    .getFirst();
            TraceHeader sent = TraceHeader.parse(message.attributes().get(MessageSystemAttributeName.AWS_TRACE_HEADER));
            JsonNode entries = putEventsRequests.getFirst().get("Entries");
            TraceHeader emitted =
                    TraceHeader.parse(entries.get(0).get("TraceHeader").asText());
            assertThat(sent.root()).isEqualTo("1-5759e988-000000000000000000000001");
            assertThat(sent.isSampled()).isTrue();
            assertThat(emitted.root()).isEqualTo(sent.root());
            assertThat(emitted.parent()).isNotEqualTo(sent.parent());
            assertThat(entries.get(1).get("TraceHeader").asText())
                    .as("an entry's own TraceHeader is kept")
                    .isEqualTo("Root=1-5759e988-000000000000000000000002");

            JsonNode segment = Json.parse(segments.getLast());
            assertThat(segment.get("origin").asText()).isEqualTo("AWS::StepFunctions::StateMachine");
            assertThat(segment.get("name").asText()).isEqualTo("traced");
            assertThat(segment.get("parent_id").asText()).isEqualTo("1111111111111111");
            assertThat(segment.has("end_time")).isTrue();
            assertThat(segment.get("subsegments").findValuesAsText("id"))
                    .containsExactly(sent.parent(), emitted.parent());
            assertThat(segment.get("subsegments").findValuesAsText("name")).containsExactly("Send", "Emit");
        } finally {
            engine.close();
        }
    }

    @Test
    void putEventsWaitForTaskTokenCarriesTheTokenAndFailsWithTheSentFailure() {
        AslRun run = harness("""
                {"StartAt":"Emit","States":{"Emit":{"Type":"Task","Resource":"arn:aws:states:::events:putEvents.waitForTaskToken",
                 "Parameters":{"Entries":[{"Source":"async-commerce.pickup","DetailType":"PickupRequested",
                   "Detail":{"token.$":"$$.Task.Token"}}]},"End":true}}}""").start("{}");

        assertThat(run.status()).isEqualTo("RUNNING");
        String detail =
                putEventsRequests.getFirst().get("Entries").get(0).get("Detail").asText();
        assertThat(Json.parse(detail).get("token").asText()).isEqualTo(run.taskToken("Emit"));

        run.sendTaskFailure("Emit", "Pickup.Expired", "not collected");

        assertThat(run.error()).isEqualTo("Pickup.Expired");
        assertThat(run.cause()).isEqualTo("not collected");
    }
}
