package dev.asynccommerce.localstack.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.localstack.stepfunctions.integration.AwsSdkIntegrations;
import dev.asynccommerce.localstack.stepfunctions.testing.AslHarness;
import dev.asynccommerce.localstack.stepfunctions.testing.AslRun;
import dev.asynccommerce.testkit.DynamoDbLocal;
import dev.asynccommerce.testkit.TestTable;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The DynamoDB service integrations against AWS's DynamoDB Local, through the real SDK client.
 * Source: https://docs.aws.amazon.com/step-functions/latest/dg/connect-ddb.html
 */
class DynamoDbIntegrationIT {
    private static DynamoDbClient dynamo;
    private static String table;

    @BeforeAll
    static void table() {
        dynamo = DynamoDbLocal.shared().client();
        table = TestTable.named("sfn").create(dynamo);
    }

    private static AslHarness harness(String definition) {
        AslHarness harness = AslHarness.of(definition).substitution("Table", table);
        AwsSdkIntegrations.at(DynamoDbLocal.shared().endpoint(), Region.US_EAST_1)
                .forEach(harness::integration);
        return harness;
    }

    @Test
    void putThenGetAnItem() {
        AslRun run = harness("""
                {"StartAt":"Put","States":{
                 "Put":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem",
                   "Parameters":{"TableName":"${Table}","Item":{"pk":{"S.$":"$.id"},"qty":{"N":"3"},"tags":{"SS":["a","b"]}}},
                   "ResultPath":null,"Next":"Get"},
                 "Get":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:getItem",
                   "Parameters":{"TableName":"${Table}","Key":{"pk":{"S.$":"$.id"}}},
                   "ResultSelector":{"qty.$":"$.Item.qty.N","pk.$":"$.Item.pk.S"},"End":true}}}""").start("{\"id\":\"order-1\"}");

        assertThat(run.outputJson()).isEqualTo(Json.parse("{\"qty\":\"3\",\"pk\":\"order-1\"}"));
        assertThat(dynamo.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("order-1"))))
                        .item())
                .containsEntry("qty", AttributeValue.fromN("3"));
    }

    @Test
    void updateItemReturnsTheNewAttributesAndDeleteRemovesTheItem() {
        dynamo.putItem(b -> b.tableName(table)
                .item(Map.of("pk", AttributeValue.fromS("stock-1"), "available", AttributeValue.fromN("5"))));

        AslRun run = harness("""
                {"StartAt":"Reserve","States":{
                 "Reserve":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:updateItem",
                   "Parameters":{"TableName":"${Table}","Key":{"pk":{"S":"stock-1"}},
                     "UpdateExpression":"SET available = available - :q","ConditionExpression":"available >= :q",
                     "ExpressionAttributeValues":{":q":{"N":"2"}},"ReturnValues":"UPDATED_NEW"},
                   "ResultPath":"$.updated","Next":"Delete"},
                 "Delete":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:deleteItem",
                   "Parameters":{"TableName":"${Table}","Key":{"pk":{"S":"stock-1"}}},"ResultPath":null,"End":true}}}""").start("{}");

        assertThat(run.outputJson().get("updated").get("Attributes"))
                .isEqualTo(Json.parse("{\"available\":{\"N\":\"3\"}}"));
        assertThat(dynamo.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("stock-1"))))
                        .hasItem())
                .isFalse();
    }

    @Test
    void aFailedConditionSurfacesAsDynamoDbConditionalCheckFailedAndCanBeCaught() {
        dynamo.putItem(b -> b.tableName(table)
                .item(Map.of("pk", AttributeValue.fromS("stock-2"), "available", AttributeValue.fromN("1"))));

        AslRun run = harness("""
                {"StartAt":"Reserve","States":{
                 "Reserve":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:updateItem",
                   "Parameters":{"TableName":"${Table}","Key":{"pk":{"S":"stock-2"}},
                     "UpdateExpression":"SET available = available - :q","ConditionExpression":"available >= :q",
                     "ExpressionAttributeValues":{":q":{"N":"2"}}},
                   "Catch":[{"ErrorEquals":["DynamoDB.ConditionalCheckFailedException"],"ResultPath":"$.error","Next":"OutOfStock"}],
                   "End":true},
                 "OutOfStock":{"Type":"Pass","End":true}}}""").start("{}");

        assertThat(run.status()).isEqualTo("SUCCEEDED");
        assertThat(run.outputJson().get("error").get("Error").asText())
                .isEqualTo("DynamoDB.ConditionalCheckFailedException");
        assertThat(run.enteredStates()).containsExactly("Reserve", "OutOfStock");
    }

    @Test
    void aMissingTableIsDynamoDbResourceNotFound() {
        AslRun run = harness("""
                {"StartAt":"Get","States":{"Get":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:getItem",
                 "Parameters":{"TableName":"no-such-table","Key":{"pk":{"S":"x"}}},"End":true}}}""").start("{}");

        assertThat(run.error()).isEqualTo("DynamoDB.ResourceNotFoundException");
    }
}
