package dev.asynccommerce.localstack.server;

import dev.asynccommerce.localstack.clock.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * DynamoDB's time to live on the stack's clock. {@link DynamoDbEngine} keeps DynamoDB Local from
 * expiring items on the wall clock; instead, once an hour of stack time, the stack sweeps every table
 * whose TTL is enabled (however it was enabled: a deployed template or an UpdateTimeToLive call) and
 * deletes the items whose TTL attribute (epoch seconds) has passed. AWS itself deletes expired items
 * "typically within a few days"; an hour is soon enough for tests that advance the clock by days, and
 * cheap. The delete is conditional on the item still being expired, so an item renewed in the meantime
 * stays.
 */
final class TimeToLive {
    static final Duration SWEEP_INTERVAL = Duration.ofHours(1);
    private static final Logger LOG = LogManager.getLogger(TimeToLive.class);

    private final DynamoDbClient dynamo;
    private final VirtualClock clock;

    TimeToLive(DynamoDbClient dynamo, VirtualClock clock) {
        this.dynamo = dynamo;
        this.clock = clock;
        clock.schedule(clock.now().plus(SWEEP_INTERVAL), this::sweepAndReschedule);
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
        for (String table : dynamo.listTablesPaginator(b -> {}).tableNames()) {
            TimeToLiveDescription ttl =
                    dynamo.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription();
            if (ttl.timeToLiveStatus() != TimeToLiveStatus.ENABLED) {
                continue;
            }
            Map<String, String> names = Map.of("#ttl", ttl.attributeName());
            List<String> keyNames = dynamo.describeTable(b -> b.tableName(table)).table().keySchema().stream()
                    .map(KeySchemaElement::attributeName)
                    .toList();
            var expired = dynamo.scanPaginator(b -> b.tableName(table)
                    .filterExpression("#ttl < :now")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(Map.of(":now", epoch)));
            for (Map<String, AttributeValue> item : expired.items()) {
                Map<String, AttributeValue> key = new HashMap<>();
                keyNames.forEach(k -> key.put(k, item.get(k)));
                try {
                    dynamo.deleteItem(b -> b.tableName(table)
                            .key(key)
                            .conditionExpression("#ttl < :now")
                            .expressionAttributeNames(names)
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
