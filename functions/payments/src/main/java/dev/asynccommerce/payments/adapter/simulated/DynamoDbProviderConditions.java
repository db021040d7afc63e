package dev.asynccommerce.payments.adapter.simulated;

import java.util.Map;
import java.util.function.DoubleSupplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Injected provider faults kept as one item of a table the payments functions already read and write
 * (reading the conditions, spending a count: {@code pk = sk = }{@value #KEY}), one map attribute per faulted operation: {@code
 * {"errorRate": 0..1, "latencyMs": n, "remaining": n?}}. Whoever may write the table (an operator,
 * the local stack's fault control) sets the conditions; every simulated call reads them, so a
 * change applies to the next call in every running function. A fault whose {@code remaining} is
 * spent affects nothing.
 *
 * <p>Only the simulator reads this, with one consistent {@code GetItem} per simulated call: a real
 * provider adapter never would. The item lives in the payments table, whose stream the relay reads
 * and skips (not an outbox item).
 */
public final class DynamoDbProviderConditions implements ProviderConditions {
    /** Partition and sort key of the conditions item. */
    public static final String KEY = "SIMULATOR#CONDITIONS";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbProviderConditions(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Effect draw(Operation operation, DoubleSupplier random) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder()
                        .tableName(table)
                        .key(key())
                        .consistentRead(true)
                        .projectionExpression("#op")
                        .expressionAttributeNames(Map.of("#op", operation.name()))
                        .build())
                .item();
        AttributeValue fault = item == null ? null : item.get(operation.name());
        if (fault == null || fault.m() == null || fault.m().isEmpty()) {
            return Effect.NONE;
        }
        Map<String, AttributeValue> f = fault.m();
        double errorRate = number(f, "errorRate", 0);
        long latencyMs = (long) number(f, "latencyMs", 0);
        boolean counted = f.containsKey("remaining");
        if (counted && number(f, "remaining", 0) <= 0) {
            return Effect.NONE;
        }
        Effect effect = new Effect(Math.max(0, latencyMs), random.getAsDouble() < errorRate);
        if (effect.any() && counted && !spendOne(operation)) {
            // Another call spent the last one first: this call goes through untouched.
            return Effect.NONE;
        }
        return effect;
    }

    /**
     * Injects a fault into one operation, replacing the one it had (the operator's side).
     *
     * @param remaining how many affected calls before it is spent; null for no limit
     */
    public void inject(Operation operation, double errorRate, long latencyMs, Integer remaining) {
        Map<String, AttributeValue> fault = new java.util.HashMap<>();
        fault.put("errorRate", AttributeValue.fromN(Double.toString(errorRate)));
        fault.put("latencyMs", AttributeValue.fromN(Long.toString(latencyMs)));
        if (remaining != null) {
            fault.put("remaining", AttributeValue.fromN(Integer.toString(remaining)));
        }
        dynamoDb.updateItem(UpdateItemRequest.builder()
                .tableName(table)
                .key(key())
                .updateExpression("SET #op = :fault")
                .expressionAttributeNames(Map.of("#op", operation.name()))
                .expressionAttributeValues(Map.of(":fault", AttributeValue.fromM(fault)))
                .build());
    }

    /** Removes every injected fault. */
    public void clear() {
        dynamoDb.deleteItem(b -> b.tableName(table).key(key()));
    }

    private boolean spendOne(Operation operation) {
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder()
                    .tableName(table)
                    .key(key())
                    .updateExpression("SET #op.remaining = #op.remaining - :one")
                    .conditionExpression("#op.remaining > :zero")
                    .expressionAttributeNames(Map.of("#op", operation.name()))
                    .expressionAttributeValues(Map.of(
                            ":one", AttributeValue.fromN("1"),
                            ":zero", AttributeValue.fromN("0")))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key() {
        return Map.of("pk", AttributeValue.fromS(KEY), "sk", AttributeValue.fromS(KEY));
    }

    private static double number(Map<String, AttributeValue> fault, String name, double fallback) {
        AttributeValue value = fault.get(name);
        if (value == null || value.n() == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.n());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
