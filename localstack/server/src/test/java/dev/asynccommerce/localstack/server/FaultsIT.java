package dev.asynccommerce.localstack.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.InternalException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * {@code /_local/faults} through the unmodified SDK clients: an injected failure is the service's own
 * internal error, retryable; an injected delay holds the answer; faults spend their count and go.
 */
class FaultsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(
                LocalStack.Options.defaults().withPort(0).withManualClock(Instant.parse("2026-11-21T09:00:00Z")));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @AfterEach
    void removeFaults() throws Exception {
        http("DELETE", "/_local/faults", null);
    }

    /** A client that shows every failure: the SDK's own retries would hide the first ones. */
    private static <
                    B extends
                            software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>
                                    & software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<B, ?>>
            B noRetries(B builder) {
        return StackClients.of(stack, builder)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }

    private static HttpResponse<String> http(String method, String path, String body) throws Exception {
        return http(method, path, body, "application/json");
    }

    private static HttpResponse<String> http(String method, String path, String body, String contentType)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(stack.endpoint().resolve(path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", contentType)
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void fault(String body) throws Exception {
        HttpResponse<String> added = http("POST", "/_local/faults", body);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
    }

    private static JsonNode activeFaults() throws Exception {
        return JSON.readTree(http("GET", "/_local/faults", null).body()).path("faults");
    }

    @Test
    void putEventsFailsWithInternalExceptionForItsCountThenSucceeds() throws Exception {
        fault("""
                {"service": "events", "operation": "PutEvents", "errorRate": 1, "latencyMs": 0, "count": 2}""");

        try (EventBridgeClient events = noRetries(EventBridgeClient.builder()).build()) {
            for (int attempt = 1; attempt <= 2; attempt++) {
                InternalException failed = catchThrowableOfType(
                        InternalException.class,
                        () -> events.putEvents(b -> b.entries(
                                e -> e.source("test").detailType("Probe").detail("{}"))));
                assertThat(failed).as("attempt %d", attempt).isNotNull();
                assertThat(failed.statusCode()).isEqualTo(500);
                assertThat(failed.awsErrorDetails().errorCode()).isEqualTo("InternalException");
            }
            assertThat(events.putEvents(b -> b.entries(
                                    e -> e.source("test").detailType("Probe").detail("{}")))
                            .failedEntryCount())
                    .isZero();
        }
        assertThat(activeFaults()).isEmpty();
    }

    @Test
    void aTransactWriteItemsFaultFailsWithoutWritingAndTheSdksOwnRetriesGetThrough() throws Exception {
        try (DynamoDbClient plain = noRetries(DynamoDbClient.builder()).build();
                DynamoDbClient retrying =
                        StackClients.of(stack, DynamoDbClient.builder()).build()) {
            plain.createTable(b -> b.tableName("fault-orders")
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
            TransactWriteItem put = TransactWriteItem.builder()
                    .put(p -> p.tableName("fault-orders").item(Map.of("pk", AttributeValue.fromS("ord-1"))))
                    .build();
            fault("""
                    {"service": "dynamodb", "operation": "TransactWriteItems", "errorRate": 1, "latencyMs": 0,
                     "count": 3}""");

            InternalServerErrorException failed = catchThrowableOfType(
                    InternalServerErrorException.class, () -> plain.transactWriteItems(b -> b.transactItems(put)));
            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(failed.awsErrorDetails().errorCode()).isEqualTo("InternalServerError");
            assertThat(plain.getItem(b -> b.tableName("fault-orders").key(Map.of("pk", AttributeValue.fromS("ord-1"))))
                            .hasItem())
                    .as("a failed request had no effect; GetItem is not faulted")
                    .isFalse();

            // Two failures left: the SDK's default strategy retries them and the third attempt writes.
            retrying.transactWriteItems(b -> b.transactItems(put));

            assertThat(plain.getItem(b -> b.tableName("fault-orders").key(Map.of("pk", AttributeValue.fromS("ord-1"))))
                            .hasItem())
                    .isTrue();
            assertThat(activeFaults()).isEmpty();
        }
    }

    @Test
    void latencyHoldsTheAnswerAndTheCallStillSucceeds() throws Exception {
        try (SqsClient sqs = noRetries(SqsClient.builder()).build()) {
            String url = sqs.createQueue(b -> b.queueName("fault-latency")).queueUrl();
            fault("""
                    {"service": "sqs", "operation": "SendMessage", "errorRate": 0, "latencyMs": 400}""");

            long started = System.nanoTime();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("late"));
            long elapsedMs = Duration.ofNanos(System.nanoTime() - started).toMillis();

            assertThat(elapsedMs).isGreaterThanOrEqualTo(400);
            assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(5))
                            .messages())
                    .singleElement()
                    .satisfies(m -> assertThat(m.body()).isEqualTo("late"));
            assertThat(activeFaults())
                    .as("no count: it stays")
                    .singleElement()
                    .satisfies(f -> assertThat(f.path("latencyMs").asLong()).isEqualTo(400));
        }
    }

    @Test
    void eachServiceFailsInItsOwnProtocolShape() throws Exception {
        fault("""
                {"service": "sqs", "operation": "ListQueues", "errorRate": 1, "latencyMs": 0}""");
        fault("""
                {"service": "states", "operation": "ListStateMachines", "errorRate": 1, "latencyMs": 0}""");
        fault("""
                {"service": "lambda", "operation": "Invoke", "errorRate": 1, "latencyMs": 0}""");

        try (SqsClient sqs = noRetries(SqsClient.builder()).build();
                SfnClient sfn = noRetries(SfnClient.builder()).build()) {
            SqsException sqsFailure = catchThrowableOfType(SqsException.class, () -> sqs.listQueues());
            assertThat(sqsFailure.statusCode()).isEqualTo(500);
            assertThat(sqsFailure.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
            SfnException sfnFailure = catchThrowableOfType(SfnException.class, () -> sfn.listStateMachines());
            assertThat(sfnFailure.statusCode()).isEqualTo(500);
            assertThat(sfnFailure.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
        }
        HttpResponse<String> query =
                http("POST", "/", "Action=ListQueues&Version=2012-11-05", "application/x-www-form-urlencoded");
        assertThat(query.statusCode()).isEqualTo(500);
        assertThat(query.body()).contains("<Code>InternalFailure</Code>").contains("<Type>Receiver</Type>");
        HttpResponse<String> invoke = http("POST", "/2015-03-31/functions/any-function/invocations", "{}");
        assertThat(invoke.statusCode()).isEqualTo(500);
        assertThat(invoke.headers().firstValue("x-amzn-ErrorType")).hasValue("ServiceException");
    }

    @Test
    void deleteRemovesEveryFault() throws Exception {
        fault("""
                {"service": "states", "operation": "ListStateMachines", "errorRate": 1, "latencyMs": 0}""");
        fault("""
                {"service": "events", "operation": "PutEvents", "errorRate": 0.5, "latencyMs": 200, "count": 4}""");
        assertThat(activeFaults()).hasSize(2);

        HttpResponse<String> deleted = http("DELETE", "/_local/faults", null);

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(deleted.body()).path("removed").asInt()).isEqualTo(2);
        assertThat(activeFaults()).isEmpty();
        try (SfnClient sfn = noRetries(SfnClient.builder()).build()) {
            assertThat(sfn.listStateMachines().sdkHttpResponse().statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aPaymentProviderFaultNeedsADeployedProvider() throws Exception {
        // This stack deploys nothing: the simulated provider, inside the payments functions, is absent.
        HttpResponse<String> refused = http("POST", "/_local/faults", """
                {"service": "payments", "operation": "Authorize", "errorRate": 1, "latencyMs": 0}""");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(activeFaults()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            body      | not json
            service   | {"operation": "PutEvents", "errorRate": 1, "latencyMs": 0}
            service   | {"service": "Events!", "operation": "PutEvents", "errorRate": 1, "latencyMs": 0}
            operation | {"service": "events", "operation": "", "errorRate": 1, "latencyMs": 0}
            errorRate | {"service": "events", "operation": "PutEvents", "errorRate": 1.5, "latencyMs": 0}
            errorRate | {"service": "events", "operation": "PutEvents", "errorRate": "1", "latencyMs": 0}
            errorRate | {"service": "events", "operation": "PutEvents", "errorRate": 0, "latencyMs": 0}
            latencyMs | {"service": "events", "operation": "PutEvents", "errorRate": 1, "latencyMs": -1}
            latencyMs | {"service": "events", "operation": "PutEvents", "errorRate": 1}
            count     | {"service": "events", "operation": "PutEvents", "errorRate": 1, "latencyMs": 0, "count": 0}
            count     | {"service": "events", "operation": "PutEvents", "errorRate": 1, "latencyMs": 0, "count": 1.5}
            latency   | {"service": "events", "operation": "PutEvents", "errorRate": 1, "latencyMs": 0, "latency": 5}
            """)
    void aBadFaultIsRefusedNamingTheFieldAndNothingChanges(String field, String body) throws Exception {
        HttpResponse<String> refused = http("POST", "/_local/faults", body);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("errors"))
                .singleElement()
                .satisfies(e -> assertThat(e.path("field").asText()).isEqualTo(field));
        assertThat(activeFaults()).isEmpty();
    }
}
