package dev.asynccommerce.localstack.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.localstack.deployer.Deployer;
import dev.asynccommerce.localstack.deployer.StackEnvironment;
import dev.asynccommerce.localstack.deployer.Template;
import dev.asynccommerce.localstack.server.provision.StackProvisioners;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** With a data directory, tables, their TTL settings and their items survive a restart, and deploying again over them works. */
class PersistenceIT {
    private static final Template TEMPLATE = Template.parse("""
            {"Resources": {"Orders": {"Type": "AWS::DynamoDB::Table", "Properties": {
               "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
               "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
               "BillingMode": "PAY_PER_REQUEST",
               "StreamSpecification": {"StreamViewType": "NEW_AND_OLD_IMAGES"},
               "TimeToLiveSpecification": {"AttributeName": "expiresAt", "Enabled": true}}}}}
            """);

    @TempDir
    Path data;

    private static String deploy(LocalStack stack) {
        try (StackProvisioners provisioners = new StackProvisioners(stack.endpoint(), stack.region())) {
            return new Deployer(provisioners.byType())
                    .deploy(
                            TEMPLATE,
                            new StackEnvironment(
                                    "Shop", LocalStack.ACCOUNT, stack.region().id(), "aws", "amazonaws.com", Map.of()))
                    .resources()
                    .get("Orders")
                    .physicalId();
        }
    }

    private static DynamoDbClient client(LocalStack stack) {
        return StackClients.of(stack, DynamoDbClient.builder()).build();
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
