package dev.asynccommerce.fulfillment.adapter.dynamodb;

import static dev.asynccommerce.fulfillment.adapter.dynamodb.FulfillmentItems.epochSeconds;
import static dev.asynccommerce.fulfillment.adapter.dynamodb.FulfillmentItems.key;
import static dev.asynccommerce.fulfillment.adapter.dynamodb.FulfillmentItems.s;

import dev.asynccommerce.fulfillment.application.Inbox;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Event claims in the fulfillment table: {@code INBOX#<eventId>} / {@code <consumer>}, expiring
 * after 7 days (beyond EventBridge's 24 h of retries and the relay's 2-day outbox). A claim is one
 * conditional put; an expired claim TTL has not yet removed counts as absent.
 */
public final class DynamoDbInbox implements Inbox {
    static final String INBOX_PREFIX = "INBOX#";
    static final Duration RETENTION = Duration.ofDays(7);

    private final DynamoDbClient dynamo;
    private final String tableName;

    public DynamoDbInbox(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.tableName = tableName;
    }

    @Override
    public boolean claim(String consumer, String eventId, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(key(INBOX_PREFIX + eventId, consumer));
        item.put("itemType", s("InboxClaim"));
        item.put("claimedAt", s(at.toString()));
        item.put("expiresAt", epochSeconds(at.plus(RETENTION)));
        try {
            dynamo.putItem(b -> b.tableName(tableName)
                    .item(item)
                    .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now")
                    .expressionAttributeValues(Map.of(":now", epochSeconds(at))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void release(String consumer, String eventId) {
        dynamo.deleteItem(b -> b.tableName(tableName).key(key(INBOX_PREFIX + eventId, consumer)));
    }
}
