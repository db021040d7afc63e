package dev.asynccommerce.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class DynamoDbLocalTest {

    @Test
    void servesTheDynamoDbApiOnLoopbackOnly() {
        DynamoDbLocal local = DynamoDbLocal.shared();
        assertThat(local.endpoint().getHost()).isEqualTo("127.0.0.1");

        String table = UniqueNames.next("probe");
        try (DynamoDbClient dynamo = local.client()) {
            dynamo.createTable(b -> b.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName("pk")
                            .attributeType(ScalarAttributeType.S)
                            .build())
                    .keySchema(KeySchemaElement.builder()
                            .attributeName("pk")
                            .keyType(KeyType.HASH)
                            .build()));
            dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("a"))));

            assertThat(dynamo.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("a"))))
                            .item())
                    .containsEntry("pk", AttributeValue.fromS("a"));
        }
    }
}
