package dev.asynccommerce.localstack.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.localstack.deployer.Deployer;
import dev.asynccommerce.localstack.deployer.StackEnvironment;
import dev.asynccommerce.localstack.deployer.Template;
import dev.asynccommerce.localstack.server.provision.StackProvisioners;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * With a data directory, tables (their TTL settings and items) and queues (their messages, receive
 * counts and FIFO order) survive a restart, and deploying the template again over them works.
 */
class PersistenceIT {
    private static final Template TEMPLATE = Template.parse("""
            {"Resources": {"Orders": {"Type": "AWS::DynamoDB::Table", "Properties": {
               "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
               "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
               "BillingMode": "PAY_PER_REQUEST",
               "StreamSpecification": {"StreamViewType": "NEW_AND_OLD_IMAGES"},
               "TimeToLiveSpecification": {"AttributeName": "expiresAt", "Enabled": true}}}}}
            """);

    /** Queues with a dead-letter queue and a FIFO queue; {@code %s} is the rest of the work queue's properties. */
    private static final String QUEUES = """
            {"Resources": {
              "Failed": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "failed"}},
              "Work": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "work"%s}},
              "Ordered": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "ordered.fifo", "FifoQueue": true,
                 "ContentBasedDeduplication": true}}}}
            """;

    /** The work queue with a visibility timeout and redrive to "failed" after two receives. */
    private static Template withRedrive(int visibilityTimeout) {
        return Template.parse(QUEUES.formatted(", \"VisibilityTimeout\": " + visibilityTimeout
                + ", \"RedrivePolicy\": {\"deadLetterTargetArn\": {\"Fn::GetAtt\": [\"Failed\", \"Arn\"]},"
                + " \"maxReceiveCount\": 2}"));
    }

    @TempDir
    Path data;

    private static String deploy(LocalStack stack) {
        return deploy(stack, TEMPLATE).get("Orders");
    }

    /** Deploys {@code template}; answers the physical id of each resource. */
    private static Map<String, String> deploy(LocalStack stack, Template template) {
        try (StackProvisioners provisioners = new StackProvisioners(stack.endpoint(), stack.region())) {
            Map<String, String> ids = new java.util.HashMap<>();
            new Deployer(provisioners.byType())
                    .deploy(
                            template,
                            new StackEnvironment(
                                    "Shop", LocalStack.ACCOUNT, stack.region().id(), "aws", "amazonaws.com", Map.of()))
                    .resources()
                    .forEach((logicalId, resource) -> ids.put(logicalId, resource.physicalId()));
            return ids;
        }
    }

    private static DynamoDbClient client(LocalStack stack) {
        return StackClients.of(stack, DynamoDbClient.builder()).build();
    }

    @Test
    void queuedMessagesSurviveARestartWithTheirReceiveCountsAndFifoOrder() {
        LocalStack.Options options = new LocalStack.Options(0, data, "us-east-1", null);
        try (LocalStack first = LocalStack.start(options);
                SqsClient sqs = StackClients.of(first, SqsClient.builder()).build()) {
            Map<String, String> queues = deploy(first, withRedrive(30));
            sqs.sendMessage(b -> b.queueUrl(queues.get("Work")).messageBody("first"));
            // Received once and let go at once: its receive count (1) must come back too.
            assertThat(sqs.receiveMessage(b -> b.queueUrl(queues.get("Work")).visibilityTimeout(0))
                            .messages())
                    .extracting(Message::body)
                    .containsExactly("first");
            for (String body : List.of("a", "b", "c")) {
                sqs.sendMessage(
                        b -> b.queueUrl(queues.get("Ordered")).messageBody(body).messageGroupId("g"));
            }
        }

        try (LocalStack second = LocalStack.start(options);
                SqsClient sqs = StackClients.of(second, SqsClient.builder()).build()) {
            // Deployed again with another visibility timeout: the kept queue takes the template's.
            Map<String, String> queues = deploy(second, withRedrive(45));
            assertThat(sqs.getQueueAttributes(b -> b.queueUrl(queues.get("Work"))
                                    .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
                            .attributes())
                    .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "45");

            List<Message> work = sqs.receiveMessage(b -> b.queueUrl(queues.get("Work"))
                            .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
                            .visibilityTimeout(0))
                    .messages();
            assertThat(work).extracting(Message::body).containsExactly("first");
            assertThat(work.getFirst().attributes())
                    .containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2");
            // Its third receive is past maxReceiveCount 2: the redrive policy came back too.
            assertThat(sqs.receiveMessage(b -> b.queueUrl(queues.get("Work"))).messages())
                    .isEmpty();
            assertThat(sqs.receiveMessage(b -> b.queueUrl(queues.get("Failed"))).messages())
                    .extracting(Message::body)
                    .containsExactly("first");

            List<String> ordered = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Message next = sqs.receiveMessage(b -> b.queueUrl(queues.get("Ordered")))
                        .messages()
                        .getFirst();
                ordered.add(next.body());
                sqs.deleteMessage(b -> b.queueUrl(queues.get("Ordered")).receiptHandle(next.receiptHandle()));
            }
            assertThat(ordered).containsExactly("a", "b", "c");

            // The template no longer sets a timeout: it goes back to SQS's default.
            deploy(second, Template.parse(QUEUES.formatted("")));
            Map<QueueAttributeName, String> reset = sqs.getQueueAttributes(
                            b -> b.queueUrl(queues.get("Work")).attributeNames(QueueAttributeName.ALL))
                    .attributes();
            assertThat(reset).containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "30");
        }
    }

    @Test
    void aManualClockComesBackWhereItWasAndAStartThatRestoredNothingSavesNothing() {
        Instant start = Instant.parse("2026-03-01T10:00:00Z");
        LocalStack.Options options = new LocalStack.Options(0, data, "us-east-1", start);
        try (LocalStack first = LocalStack.start(options)) {
            first.restoreSavedState();
            first.clock().advance(Duration.ofHours(5));
        }
        try (LocalStack notDeployed = LocalStack.start(options)) {
            // Never restored (no deployment): its clock at the start must not replace the saved one.
            notDeployed.clock().advance(Duration.ofMinutes(1));
        }
        try (LocalStack second = LocalStack.start(options)) {
            // At once, before any deployment: a timer the deployment creates is not fired by the restore.
            assertThat(second.clock().now()).isEqualTo(start.plus(Duration.ofHours(5)));
        }
    }

    @Test
    void aFlowingClockKeepsHowFarItWasAdvanced() {
        LocalStack.Options options = new LocalStack.Options(0, data, "us-east-1", null);
        try (LocalStack first = LocalStack.start(options)) {
            first.restoreSavedState();
            first.clock().advance(Duration.ofDays(3));
        }
        try (LocalStack second = LocalStack.start(options)) {
            second.restoreSavedState();
            Duration ahead = Duration.between(Instant.now(), second.clock().now());
            assertThat(ahead)
                    .isBetween(
                            Duration.ofDays(3).minusMinutes(1),
                            Duration.ofDays(3).plusMinutes(1));
        }
    }

    @Test
    void itemsSurviveARestartAndTheTemplateDeploysAgainOverThem() {
        LocalStack.Options options = new LocalStack.Options(0, data, "us-east-1", null);
        String table;
        try (LocalStack first = LocalStack.start(options);
                DynamoDbClient dynamo = client(first)) {
            table = deploy(first);
            dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("kept"))));
        }

        try (LocalStack second = LocalStack.start(options);
                DynamoDbClient dynamo = client(second)) {
            assertThat(deploy(second)).isEqualTo(table);
            assertThat(dynamo.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("kept"))))
                            .item())
                    .containsEntry("pk", AttributeValue.fromS("kept"));
            var ttl = dynamo.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription();
            assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
            assertThat(ttl.attributeName()).isEqualTo("expiresAt");
        }
    }
}
