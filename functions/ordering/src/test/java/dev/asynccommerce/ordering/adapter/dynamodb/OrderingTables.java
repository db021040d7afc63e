package dev.asynccommerce.ordering.adapter.dynamodb;

import dev.asynccommerce.testkit.UniqueNames;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** Tables shaped as the CDK stack makes them: the orders table with its outbox stream, the catalog. */
final class OrderingTables {
    private OrderingTables() {}

    static String createOrdersTable(DynamoDbClient dynamo) {
        String name = UniqueNames.next("orders");
        dynamo.createTable(b -> b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("pk"))
                .keySchema(key("pk", KeyType.HASH))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        dynamo.updateTimeToLive(b ->
                b.tableName(name).timeToLiveSpecification(t -> t.enabled(true).attributeName("expiresAt")));
        return name;
    }

    static String createCatalogTable(DynamoDbClient dynamo, int skuCount) {
        String name = UniqueNames.next("catalog");
        dynamo.createTable(b -> b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("pk"), attribute("sk"))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE)));
        for (int i = 1; i <= skuCount; i++) {
            String sku = "SKU-%04d".formatted(i);
            dynamo.putItem(b -> b.tableName(name)
                    .item(Map.of(
                            "pk", AttributeValue.fromS("ITEM"),
                            "sk", AttributeValue.fromS(sku),
                            "name", AttributeValue.fromS("Item " + sku),
                            "priceCents", AttributeValue.fromN("1999"),
                            "currency", AttributeValue.fromS("EUR"))));
        }
        dynamo.putItem(b -> b.tableName(name)
                .item(Map.of(
                        "pk", AttributeValue.fromS("STORE"),
                        "sk", AttributeValue.fromS("store-001"),
                        "name", AttributeValue.fromS("Downtown"))));
        return name;
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(ScalarAttributeType.S)
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
