package dev.asynccommerce.notifications.adapter.dynamodb;

import dev.asynccommerce.testkit.TestTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An orders table as ordering's stack makes it (key {@code pk} only, with a stream), holding order
 * items shaped as ordering's {@code StoredOrder} writes them, payment tokens and pickup code included.
 */
public final class OrdersTable {
    private OrdersTable() {}

    public static String create(DynamoDbClient dynamo) {
        return TestTable.named("orders").withStream().create(dynamo);
    }

    public static Map<String, AttributeValue> orderItem(String orderId, String customerId, String email) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("ORDER#" + orderId));
        item.put("itemType", s("Order"));
        item.put("orderId", s(orderId));
        item.put("customerId", s(customerId));
        item.put("email", s(email));
        item.put("storeId", s("store-001"));
        item.put("status", s("READY_FOR_PICKUP"));
        item.put("currency", s("EUR"));
        item.put("totalCents", AttributeValue.fromN("7597"));
        item.put(
                "lines",
                AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of(
                        "sku", s("SKU-0001"),
                        "name", s("Item SKU-0001"),
                        "quantity", AttributeValue.fromN("2"),
                        "unitPriceCents", AttributeValue.fromN("1299"))))));
        item.put(
                "paymentMethods",
                AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of("type", s("CARD"), "token", s("tok_visa"))))));
        item.put("paymentAttempt", AttributeValue.fromN("1"));
        item.put("pickupCode", s("048213"));
        item.put("accessDigest", s("3b1f0c"));
        item.put(
                "timeline",
                AttributeValue.fromL(List.of(
                        AttributeValue.fromM(Map.of("at", s("2026-11-21T08:35:12.345Z"), "event", s("OrderPlaced"))))));
        item.put("version", AttributeValue.fromN("4"));
        item.put("updatedAt", s("2026-11-21T09:10:41Z"));
        return item;
    }

    public static void put(DynamoDbClient dynamo, String table, Map<String, AttributeValue> item) {
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
