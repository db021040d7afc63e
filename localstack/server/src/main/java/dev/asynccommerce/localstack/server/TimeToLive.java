package dev.asynccommerce.localstack.server;

import dev.asynccommerce.localstack.clock.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/**
 * DynamoDB's time to live on the stack's clock. DynamoDB Local never expires items, so the stack
 * sweeps every table whose TTL is enabled once an hour of stack time and deletes the items whose TTL
 * attribute (epoch seconds) has passed. AWS itself deletes expired items "typically within a few days";
 * an hour is soon enough for tests that advance the clock by days, and cheap. The delete is conditional
 * on the item still being expired, so an item renewed in the meantime stays.
 */
final class TimeToLive {
    static final Duration SWEEP_INTERVAL = Duration.ofHours(1);
    private static final Logger LOG = LogManager.getLogger(TimeToLive.class);

    private record TtlTable(String name, String attribute) {}

    private final DynamoDbClient dynamo;
    private final VirtualClock clock;
    private final List<TtlTable> tables = new CopyOnWriteArrayList<>();

    TimeToLive(DynamoDbClient dynamo, VirtualClock clock) {
        this.dynamo = dynamo;
        this.clock = clock;
        clock.schedule(clock.now().plus(SWEEP_INTERVAL), this::sweepAndReschedule);
    }

    /** Sweeps {@code table} from now on (its TTL is enabled on {@code attribute}). */
    void watch(String table, String attribute) {
        tables.add(new TtlTable(table, attribute));
    }

    private void sweepAndReschedule() {
        try {
            sweep(clock.now());
        } catch (RuntimeException e) {
            LOG.warn("TTL sweep failed: {}", e.toString());
        }
        clock.schedule(clock.now().plus(SWEEP_INTERVAL), this::sweepAndReschedule);
    }

    /** Deletes every item whose TTL attribute is before {@code now}; answers how many. */
    int sweep(Instant now) {
        int deleted = 0;
        AttributeValue epoch = AttributeValue.fromN(Long.toString(now.getEpochSecond()));
        for (TtlTable table : tables) {
            List<String> keyNames = dynamo.describeTable(b -> b.tableName(table.name())).table().keySchema().stream()
                    .map(KeySchemaElement::attributeName)
                    .toList();
            var expired = dynamo.scanPaginator(b -> b.tableName(table.name())
                    .filterExpression("#ttl < :now")
                    .expressionAttributeNames(Map.of("#ttl", table.attribute()))
                    .expressionAttributeValues(Map.of(":now", epoch)));
            for (Map<String, AttributeValue> item : expired.items()) {
                Map<String, AttributeValue> key = new java.util.HashMap<>();
                keyNames.forEach(k -> key.put(k, item.get(k)));
                try {
                    dynamo.deleteItem(b -> b.tableName(table.name())
                            .key(key)
                            .conditionExpression("#ttl < :now")
                            .expressionAttributeNames(Map.of("#ttl", table.attribute()))
                            .expressionAttributeValues(Map.of(":now", epoch)));
                    deleted++;
                } catch (ConditionalCheckFailedException renewed) {
                    // Written again with a later expiry since the scan: it stays.
                }
            }
        }
        return deleted;
    }
}
