package dev.asynccommerce.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbLocalTest {

    @Test
    void servesTheDynamoDbApiOnLoopbackOnly() {
        DynamoDbLocal local = DynamoDbLocal.shared();
        assertThat(local.endpoint().getHost()).isEqualTo("127.0.0.1");

        try (DynamoDbClient dynamo = local.client()) {
            String table = TestTable.named("probe").create(dynamo);
            dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("a"))));

            assertThat(dynamo.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("a"))))
                            .item())
                    .containsEntry("pk", AttributeValue.fromS("a"));
        }
    }
}
