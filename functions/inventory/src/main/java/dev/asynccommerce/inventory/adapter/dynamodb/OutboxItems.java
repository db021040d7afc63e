package dev.asynccommerce.inventory.adapter.dynamodb;

import static dev.asynccommerce.inventory.adapter.dynamodb.InventoryTable.OUTBOX_SK;
import static dev.asynccommerce.inventory.adapter.dynamodb.InventoryTable.SK;

import dev.asynccommerce.inventory.application.OutboxMessage;
import dev.asynccommerce.platform.outbox.OutboxItem;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Outbox items in the inventory table, with the attribute names of platform's {@link OutboxItem}
 * (the relay's contract) plus the table's sort key: {@code pk=OUTBOX#<eventId>, sk=OUTBOX}. Written
 * with the low-level client because the platform's mapped schema knows no sort key.
 */
final class OutboxItems {
    /** Long enough for the relay to have had every chance; the stream itself keeps 24 hours. */
    static final Duration RETENTION = Duration.ofDays(2);

    private OutboxItems() {}

    static Map<String, AttributeValue> item(OutboxMessage message) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(OutboxItem.ATTR_PK, AttributeValue.fromS(OutboxItem.KEY_PREFIX + message.eventId()));
        item.put(SK, AttributeValue.fromS(OUTBOX_SK));
        item.put(OutboxItem.ATTR_ITEM_TYPE, AttributeValue.fromS(OutboxItem.ITEM_TYPE));
        item.put(OutboxItem.ATTR_EVENT_ID, AttributeValue.fromS(message.eventId()));
        item.put(OutboxItem.ATTR_SOURCE, AttributeValue.fromS(message.source()));
        item.put(OutboxItem.ATTR_DETAIL_TYPE, AttributeValue.fromS(message.detailType()));
        item.put(OutboxItem.ATTR_DETAIL, AttributeValue.fromS(message.detailJson()));
        item.put(OutboxItem.ATTR_AGGREGATE_ID, AttributeValue.fromS(message.aggregateId()));
        item.put(
                OutboxItem.ATTR_OCCURRED_AT,
                AttributeValue.fromS(message.occurredAt().toString()));
        item.put(
                OutboxItem.ATTR_EXPIRES_AT,
                InventoryTable.number(message.occurredAt().plus(RETENTION).getEpochSecond()));
        if (message.traceHeader() != null) {
            item.put(OutboxItem.ATTR_TRACE_HEADER, AttributeValue.fromS(message.traceHeader()));
        }
        return item;
    }

    /** A put of a new outbox item: an event id is never written twice. */
    static TransactWriteItem put(String tableName, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(tableName)
                        .item(item)
                        .conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", OutboxItem.ATTR_PK))
                        .build())
                .build();
    }

    static TransactWriteItem put(String tableName, OutboxMessage message) {
        return put(tableName, item(message));
    }
}
