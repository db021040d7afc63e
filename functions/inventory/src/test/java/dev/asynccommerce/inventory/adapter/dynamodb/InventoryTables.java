package dev.asynccommerce.inventory.adapter.dynamodb;

import dev.asynccommerce.testkit.TestTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A fresh inventory table per test, keyed as the stack defines it: pk (S) + sk (S). */
final class InventoryTables {
    private InventoryTables() {}

    static String create(DynamoDbClient dynamoDb) {
        return TestTable.named("inventory").withSortKey("sk").create(dynamoDb);
    }
}
