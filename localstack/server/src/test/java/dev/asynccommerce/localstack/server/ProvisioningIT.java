package dev.asynccommerce.localstack.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.asynccommerce.localstack.deployer.Deployer;
import dev.asynccommerce.localstack.deployer.DeploymentException;
import dev.asynccommerce.localstack.deployer.StackEnvironment;
import dev.asynccommerce.localstack.deployer.Template;
import dev.asynccommerce.localstack.server.provision.StackProvisioners;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** A template deployed by the real deployer into the running stack creates real, working resources. */
class ProvisioningIT {
    private static final String TEMPLATE = """
            {"Resources": {
              "Orders": {"Type": "AWS::DynamoDB::Table", "Properties": {
                 "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                 "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                 "BillingMode": "PAY_PER_REQUEST",
                 "StreamSpecification": {"StreamViewType": "NEW_AND_OLD_IMAGES"},
                 "TimeToLiveSpecification": {"AttributeName": "expiresAt", "Enabled": true},
                 "SSESpecification": {"SSEEnabled": true},
                 "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true}}},
              "Dlq": {"Type": "AWS::SQS::Queue", "Properties": {"MessageRetentionPeriod": 1209600, "SqsManagedSseEnabled": true}},
              "Work": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": 180,
                 "RedrivePolicy": {"deadLetterTargetArn": {"Fn::GetAtt": ["Dlq", "Arn"]}, "maxReceiveCount": 5}}},
              "Bus": {"Type": "AWS::Events::EventBus", "Properties": {"Name": "domain"}},
              "Archive": {"Type": "AWS::Events::Archive", "Properties": {"SourceArn": {"Fn::GetAtt": ["Bus", "Arn"]}, "RetentionDays": 90}},
              "ToWork": {"Type": "AWS::Events::Rule", "Properties": {
                 "EventBusName": {"Ref": "Bus"},
                 "EventPattern": {"source": ["commerce.ordering"]},
                 "Targets": [{"Id": "work", "Arn": {"Fn::GetAtt": ["Work", "Arn"]},
                              "DeadLetterConfig": {"Arn": {"Fn::GetAtt": ["Dlq", "Arn"]}},
                              "RetryPolicy": {"MaximumRetryAttempts": 3, "MaximumEventAgeInSeconds": 3600}}]}},
              "Ticks": {"Type": "AWS::SQS::Queue", "Properties": {}},
              "Hourly": {"Type": "AWS::Events::Rule", "Properties": {
                 "ScheduleExpression": "rate(1 hour)",
                 "Targets": [{"Id": "ticks", "Arn": {"Fn::GetAtt": ["Ticks", "Arn"]}}]}},
              "Flow": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {
                 "RoleArn": "arn:aws:iam::000000000000:role/local",
                 "DefinitionString": "{\\"StartAt\\":\\"Save\\",\\"States\\":{\\"Save\\":{\\"Type\\":\\"Task\\",\\"Resource\\":\\"arn:aws:states:::dynamodb:putItem\\",\\"Parameters\\":{\\"TableName\\":\\"${OrdersTable}\\",\\"Item\\":{\\"pk\\":{\\"S\\":\\"from-flow\\"}}},\\"End\\":true}}}",
                 "DefinitionSubstitutions": {"OrdersTable": {"Ref": "Orders"}},
                 "TracingConfiguration": {"Enabled": true}}}},
             "Outputs": {"WorkQueueUrl": {"Value": {"Ref": "Work"}}, "TicksQueueUrl": {"Value": {"Ref": "Ticks"}}, "FlowArn": {"Value": {"Ref": "Flow"}}}}
            """;

    private static LocalStack stack;
    private static StackProvisioners provisioners;
    private static Deployer.DeployedStack deployed;

    @BeforeAll
    static void deploy() {
        stack = LocalStack.start(
                LocalStack.Options.defaults().withPort(0).withManualClock(Instant.parse("2026-11-21T09:00:00Z")));
        provisioners = new StackProvisioners(stack.endpoint(), stack.region());
        deployed = new Deployer(provisioners.byType())
                .deploy(
                        Template.parse(TEMPLATE),
                        new StackEnvironment(
                                "Shop", LocalStack.ACCOUNT, stack.region().id(), "aws", "amazonaws.com", Map.of()));
    }

    @AfterAll
    static void stop() {
        provisioners.close();
        stack.close();
    }

    @Test
    void theTableHasItsStreamAndTtlAndTheStreamArnIsTheRealOne() {
        try (DynamoDbClient dynamo =
                StackClients.of(stack, DynamoDbClient.builder()).build()) {
            String name = deployed.resources().get("Orders").physicalId();
            var table = dynamo.describeTable(b -> b.tableName(name)).table();

            assertThat(table.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
            assertThat(deployed.resources().get("Orders").attributes().get("StreamArn"))
                    .isEqualTo(table.latestStreamArn());
            assertThat(dynamo.describeTimeToLive(b -> b.tableName(name))
                            .timeToLiveDescription()
                            .attributeName())
                    .isEqualTo("expiresAt");
        }
        assertThat(provisioners.notEmulatedProperties())
                .contains("AWS::DynamoDB::Table.SSESpecification", "AWS::SQS::Queue.SqsManagedSseEnabled")
                .doesNotContain("AWS::StepFunctions::StateMachine.TracingConfiguration");
    }

    @Test
    void theStateMachineKeepsItsTracingConfiguration() {
        try (SfnClient sfn = StackClients.of(stack, SfnClient.builder()).build()) {
            String arn = deployed.resources().get("Flow").physicalId();

            assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(arn))
                            .tracingConfiguration()
                            .enabled())
                    .isTrue();
        }
    }

    @Test
    void aScheduledRuleSendsItsScheduledEventWhenTheStackClockPassesThePeriod() {
        try (SqsClient sqs = StackClients.of(stack, SqsClient.builder()).build()) {
            String url = deployed.outputs().get("TicksQueueUrl");

            stack.clock().advance(Duration.ofHours(1));

            var messages =
                    sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(5)).messages();
            assertThat(messages).isNotEmpty();
            assertThat(messages.getFirst().body())
                    .contains("\"detail-type\":\"Scheduled Event\"")
                    .contains("\"source\":\"aws.events\"");
        }
    }

    @Test
    void itemsExpireByTheirTtlAttributeWhenTheStackClockPassesIt() {
        try (DynamoDbClient dynamo =
                StackClients.of(stack, DynamoDbClient.builder()).build()) {
            String table = deployed.resources().get("Orders").physicalId();
            long now = stack.clock().now().getEpochSecond();
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of(
                            "pk",
                            AttributeValue.fromS("expires-soon"),
                            "expiresAt",
                            AttributeValue.fromN(Long.toString(now + 60)))));
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of(
                            "pk",
                            AttributeValue.fromS("expires-in-a-week"),
                            "expiresAt",
                            AttributeValue.fromN(Long.toString(now + 7 * 86_400)))));

            stack.clock().advance(Duration.ofHours(2));

            assertThat(dynamo.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("expires-soon"))))
                            .item())
                    .isEmpty();
            assertThat(dynamo.getItem(b ->
                                    b.tableName(table).key(Map.of("pk", AttributeValue.fromS("expires-in-a-week"))))
                            .item())
                    .isNotEmpty();
        }
    }

    @Test
    void theQueueRedrivesToItsDeadLetterQueueAndTheOutputIsItsLocalUrl() {
        try (SqsClient sqs = StackClients.of(stack, SqsClient.builder()).build()) {
            String url = deployed.outputs().get("WorkQueueUrl");
            var attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                    .attributes();

            assertThat(url).startsWith(stack.endpoint().toString());
            assertThat(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("180");
            assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY))
                    .contains(deployed.resources().get("Dlq").attributes().get("Arn"))
                    .contains("5");
        }
    }

    @Test
    void theRuleRoutesEventsOfTheCustomBusToTheQueue() {
        try (EventBridgeClient events =
                        StackClients.of(stack, EventBridgeClient.builder()).build();
                SqsClient sqs = StackClients.of(stack, SqsClient.builder()).build()) {
            events.putEvents(b -> b.entries(e -> e.eventBusName("domain")
                    .source("commerce.ordering")
                    .detailType("OrderPlaced")
                    .detail("{\"n\":1}")));

            var messages = sqs.receiveMessage(b ->
                            b.queueUrl(deployed.outputs().get("WorkQueueUrl")).waitTimeSeconds(5))
                    .messages();
            assertThat(messages)
                    .singleElement()
                    .satisfies(m -> assertThat(m.body()).contains("\"detail-type\":\"OrderPlaced\""));
            assertThat(events.listArchives(b -> b.eventSourceArn(
                                    deployed.resources().get("Bus").attributes().get("Arn")))
                            .archives())
                    .hasSize(1);
        }
    }

    @Test
    void theStateMachineRunsWithItsSubstitutionsResolvedToLocalNames() {
        try (SfnClient sfn = StackClients.of(stack, SfnClient.builder()).build();
                DynamoDbClient dynamo =
                        StackClients.of(stack, DynamoDbClient.builder()).build()) {
            String execution = sfn.startExecution(
                            b -> b.stateMachineArn(deployed.outputs().get("FlowArn")))
                    .executionArn();

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> sfn.describeExecution(b -> b.executionArn(execution))
                                    .status()
                            == ExecutionStatus.SUCCEEDED);
            assertThat(dynamo.getItem(b -> b.tableName(
                                            deployed.resources().get("Orders").physicalId())
                                    .key(Map.of(
                                            "pk",
                                            software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                                                    "from-flow"))))
                            .item())
                    .isNotEmpty();
        }
    }

    @Test
    void aPropertyTheStackCannotHonourStopsTheDeploymentNamingTheResource() {
        Template bad = Template.parse(
                "{\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\", \"Properties\": {\"RedriveAllowPolicy\": {}}}}}");

        assertThatThrownBy(() -> new Deployer(provisioners.byType()).deploy(bad, StackEnvironment.local("Bad")))
                .isInstanceOf(DeploymentException.class)
                .hasMessage("Q: AWS::SQS::Queue property RedriveAllowPolicy is not supported by the local stack");
    }
}
