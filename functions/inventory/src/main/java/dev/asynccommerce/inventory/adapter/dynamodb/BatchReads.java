package dev.asynccommerce.inventory.adapter.dynamodb;

import dev.asynccommerce.inventory.application.Pause;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * {@code BatchGetItem} over any number of keys of one table, as the API reference asks callers to
 * use it (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html):
 * at most 100 keys per request, and the keys DynamoDB hands back in {@code UnprocessedKeys}
 * (throttling, the 16 MB response limit) asked again after an exponential, jittered backoff. The
 * retries are bounded: a table that stays throttled is an error the caller reports, not a request
 * that waits out its Lambda timeout. See docs/decisions/2026-11-21-low-level-dynamodb-client-for-request-control.md.
 */
final class BatchReads {
    static final int MAX_KEYS_PER_BATCH = 100;
    static final int MAX_BATCH_ATTEMPTS = 8;

    private final DynamoDbClient dynamoDb;
    private final Pause backoff;

    BatchReads(DynamoDbClient dynamoDb, Pause backoff) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    /**
     * Every item found under {@code keys}; keys without an item are simply absent from the answer.
     *
     * @param shape how to read (consistency, projection and its attribute names), without keys
     * @throws IllegalStateException when keys are still unprocessed after {@link #MAX_BATCH_ATTEMPTS}
     *     requests for one chunk
     */
    List<Map<String, AttributeValue>> get(
            String tableName, List<Map<String, AttributeValue>> keys, KeysAndAttributes shape) {
        List<Map<String, AttributeValue>> found = new ArrayList<>(keys.size());
        for (int from = 0; from < keys.size(); from += MAX_KEYS_PER_BATCH) {
            List<Map<String, AttributeValue>> chunk =
                    keys.subList(from, Math.min(keys.size(), from + MAX_KEYS_PER_BATCH));
            Map<String, KeysAndAttributes> pending =
                    Map.of(tableName, shape.toBuilder().keys(chunk).build());
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > MAX_BATCH_ATTEMPTS) {
                    throw new IllegalStateException("DynamoDB left keys unprocessed after " + MAX_BATCH_ATTEMPTS
                            + " attempts; the table is throttled");
                }
                if (attempt > 1) {
                    backoff.before(attempt - 1);
                }
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(request));
                found.addAll(response.responses().getOrDefault(tableName, List.of()));
                pending = unprocessed(response);
            }
        }
        return found;
    }

    private static Map<String, KeysAndAttributes> unprocessed(BatchGetItemResponse response) {
        if (!response.hasUnprocessedKeys()) {
            return Map.of();
        }
        Map<String, KeysAndAttributes> left = new HashMap<>(response.unprocessedKeys());
        left.values().removeIf(keys -> !keys.hasKeys() || keys.keys().isEmpty());
        return left;
    }
}
