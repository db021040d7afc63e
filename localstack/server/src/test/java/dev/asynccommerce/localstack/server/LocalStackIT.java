package dev.asynccommerce.localstack.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** Every service of the stack through the unmodified AWS SDK clients on the one endpoint. */
class LocalStackIT {
    private static final Instant START = Instant.parse("2026-11-21T09:00:00Z");
    private static LocalStack stack;
    private static DynamoDbClient dynamo;
    private static SqsClient sqs;
    private static SfnClient sfn;
    private static EventBridgeClient events;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStack.Options.defaults().withPort(0).withManualClock(START));
        dynamo = StackClients.of(stack, DynamoDbClient.builder()).build();
        sqs = StackClients.of(stack, SqsClient.builder()).build();
        sfn = StackClients.of(stack, SfnClient.builder()).build();
        events = StackClients.of(stack, EventBridgeClient.builder()).build();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static HttpResponse<String> http(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(stack.endpoint().resolve(path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theEndpointListensOnLoopbackOnlyAndSaysItIsStartingUntilADeploymentIsInPlace() throws Exception {
        assertThat(stack.endpoint().getHost()).isEqualTo("127.0.0.1");
        HttpResponse<String> health = http("GET", "/_local/health", null);

        assertThat(health.statusCode()).isEqualTo(200);
        // Nothing is deployed in this stack: API.md's "ready" means deployed and seeded.
        assertThat(health.body()).contains("\"status\":\"starting\"").contains("dynamodb", "sqs", "events", "states");
    }

    @Test
    void dynamoDbAndItsStreamAnswerOnTheEndpoint() {
        dynamo.createTable(b -> b.tableName("stack-probe")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        dynamo.putItem(b -> b.tableName("stack-probe").item(Map.of("pk", AttributeValue.fromS("a"))));

        assertThat(dynamo.getItem(b -> b.tableName("stack-probe").key(Map.of("pk", AttributeValue.fromS("a"))))
                        .item())
                .containsEntry("pk", AttributeValue.fromS("a"));
        try (DynamoDbStreamsClient streams =
                StackClients.of(stack, DynamoDbStreamsClient.builder()).build()) {
            String arn = dynamo.describeTable(b -> b.tableName("stack-probe"))
                    .table()
                    .latestStreamArn();
            String shard = streams.describeStream(b -> b.streamArn(arn))
                    .streamDescription()
                    .shards()
                    .getFirst()
                    .shardId();
            String iterator = streams.getShardIterator(
                            b -> b.streamArn(arn).shardId(shard).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            assertThat(streams.getRecords(b -> b.shardIterator(iterator)).records())
                    .singleElement()
                    .satisfies(r -> assertThat(r.dynamodb().newImage()).containsKey("pk"));
        }
    }

    @Test
    void badInputToDynamoDbAndSqsGetsTheirOwnErrorsThroughTheEndpoint() {
        assertThatThrownBy(() ->
                        dynamo.getItem(b -> b.tableName("no-such-table").key(Map.of("pk", AttributeValue.fromS("a")))))
                .isInstanceOfSatisfying(
                        ResourceNotFoundException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(400));
        dynamo.createTable(b -> b.tableName("stack-bad-input")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
        // An item without its key: refused, and nothing is written.
        assertThatThrownBy(() -> dynamo.putItem(
                        b -> b.tableName("stack-bad-input").item(Map.of("other", AttributeValue.fromS("x")))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                });
        assertThat(dynamo.scan(b -> b.tableName("stack-bad-input")).count()).isZero();

        assertThatThrownBy(() -> sqs.getQueueUrl(b -> b.queueName("no-such-queue")))
                .isInstanceOfSatisfying(
                        QueueDoesNotExistException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(400));
        String url = sqs.createQueue(b -> b.queueName("stack-bad-input")).queueUrl();
        // Over SQS's 900-second delay limit: refused, and nothing is queued.
        assertThatThrownBy(() ->
                        sqs.sendMessage(b -> b.queueUrl(url).messageBody("late").delaySeconds(901)))
                .isInstanceOfSatisfying(
                        SqsException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).isEmpty();
    }

    @Test
    void sqsQueuesAreReachedThroughTheEndpointAndTheirUrlsPointBackToIt() {
        String url = sqs.createQueue(b -> b.queueName("stack-probe")).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("hello"));

        List<Message> received =
                sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(5)).messages();

        assertThat(url).startsWith(stack.endpoint().toString());
        assertThat(received).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("hello"));
    }

    @Test
    void aStateMachineWritesToDynamoDbThroughTheSameEndpointAndWaitsOnTheStackClock() throws Exception {
        dynamo.createTable(b -> b.tableName("stack-orders")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
        String definition = """
                {"StartAt": "Save", "States": {
                  "Save": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                           "Parameters": {"TableName": "stack-orders", "Item": {"pk": {"S.$": "$.orderId"}}},
                           "ResultPath": null, "Next": "PickupWindow"},
                  "PickupWindow": {"Type": "Wait", "Seconds": 259200, "End": true}}}
                """;
        String machine = sfn.createStateMachine(b ->
                        b.name("stack-probe").definition(definition).roleArn("arn:aws:iam::000000000000:role/local"))
                .stateMachineArn();
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"orderId\": \"ord-1\"}"))
                .executionArn();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !dynamo.getItem(
                                b -> b.tableName("stack-orders").key(Map.of("pk", AttributeValue.fromS("ord-1"))))
                        .item()
                        .isEmpty());
        assertThat(sfn.describeExecution(b -> b.executionArn(execution)).status())
                .isEqualTo(ExecutionStatus.RUNNING);

        HttpResponse<String> advanced = http("POST", "/_local/clock/advance", "{\"seconds\": 259200}");

        assertThat(advanced.statusCode()).isEqualTo(200);
        assertThat(advanced.body()).contains("2026-11-24T09:00");
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        sfn.describeExecution(b -> b.executionArn(execution)).status() == ExecutionStatus.SUCCEEDED);
    }

    @Test
    void anEventBridgeRuleDeliversToAnSqsQueueWithAwsEnvelope() {
        String url = sqs.createQueue(b -> b.queueName("stack-events")).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        events.putRule(b -> b.name("to-queue")
                .eventPattern("{\"source\": [\"commerce.ordering\"], \"detail-type\": [\"OrderPlaced\"]}"));
        events.putTargets(b -> b.rule("to-queue").targets(t -> t.id("queue").arn(arn)));

        events.putEvents(b -> b.entries(
                e -> e.source("commerce.ordering").detailType("OrderPlaced").detail("{\"orderId\": \"ord-9\"}"),
                e -> e.source("commerce.ordering").detailType("OrderConfirmed").detail("{}")));

        List<Message> received = sqs.receiveMessage(
                        b -> b.queueUrl(url).waitTimeSeconds(5).maxNumberOfMessages(10))
                .messages();
        assertThat(received)
                .singleElement()
                .satisfies(m -> assertThat(m.body())
                        .contains("\"detail-type\":\"OrderPlaced\"")
                        .contains("\"source\":\"commerce.ordering\"")
                        .contains("\"orderId\":\"ord-9\""));
    }

    @Test
    void anEventBridgeRuleStartsAStateMachineWithTheEventAsItsInput() {
        String machine = sfn.createStateMachine(b -> b.name("started-by-rule")
                        .definition(
                                "{\"StartAt\": \"Done\", \"States\": {\"Done\": {\"Type\": \"Pass\", \"End\": true}}}")
                        .roleArn("arn:aws:iam::000000000000:role/local"))
                .stateMachineArn();
        events.putRule(b -> b.name("to-machine")
                .eventPattern("{\"source\": [\"commerce.ordering\"], \"detail-type\": [\"OrderPaid\"]}"));
        events.putTargets(b -> b.rule("to-machine")
                .targets(t -> t.id("machine").arn(machine).roleArn("arn:aws:iam::000000000000:role/events")));

        events.putEvents(b -> b.entries(
                e -> e.source("commerce.ordering").detailType("OrderPaid").detail("{\"orderId\": \"ord-7\"}")));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !sfn.listExecutions(b -> b.stateMachineArn(machine))
                        .executions()
                        .isEmpty());
        String execution = sfn.listExecutions(b -> b.stateMachineArn(machine))
                .executions()
                .getFirst()
                .executionArn();
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        sfn.describeExecution(b -> b.executionArn(execution)).status() == ExecutionStatus.SUCCEEDED);
        assertThat(sfn.describeExecution(b -> b.executionArn(execution)).input())
                .as("the whole event, as EventBridge hands it to a Step Functions target")
                .contains("\"detail-type\":\"OrderPaid\"", "\"source\":\"commerce.ordering\"", "\"orderId\":\"ord-7\"");
    }

    @Test
    void badRequestsGetAwsErrorsNotServerErrors() throws Exception {
        assertThat(events.listRules(b -> b.eventBusName("default")).rules()).isNotNull();
        try {
            events.describeRule(b -> b.name("no-such-rule"));
            throw new AssertionError("expected ResourceNotFoundException");
        } catch (EventBridgeException e) {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
        }
        HttpResponse<String> unknown = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(stack.endpoint().resolve("/"))
                                .header("X-Amz-Target", "AWSSomethingElse.DoIt")
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("UnknownOperationException");
        assertThat(http("POST", "/_local/clock/advance", "{\"seconds\": -1}").statusCode())
                .isEqualTo(400);
    }
}
