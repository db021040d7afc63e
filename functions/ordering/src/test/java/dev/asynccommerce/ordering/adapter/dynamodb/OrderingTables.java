package dev.asynccommerce.ordering.adapter.dynamodb;

import dev.asynccommerce.testkit.TestTable;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Tables shaped as the CDK stack makes them: the orders table with its outbox stream, the catalog. */
final class OrderingTables {
    private OrderingTables() {}

    static String createOrdersTable(DynamoDbClient dynamo) {
        return TestTable.named("orders").withStream().create(dynamo);
    }

    static String createCatalogTable(DynamoDbClient dynamo, int skuCount) {
        String name = TestTable.named("catalog").withSortKey("sk").create(dynamo);
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
}
