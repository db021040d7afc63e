package dev.asynccommerce.inventory.adapter.dynamodb;

import static dev.asynccommerce.inventory.adapter.dynamodb.InventoryTable.SK;

import dev.asynccommerce.inventory.application.OutboxMessage;
import dev.asynccommerce.platform.dynamodb.TransactWrites;
import dev.asynccommerce.platform.outbox.OutboxItem;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Outbox items in the inventory table: platform's {@link OutboxItem} (the relay's contract) with the
 * table's sort key, {@code pk=OUTBOX#<eventId>, sk=OUTBOX}.
 */
final class OutboxItems {
    private OutboxItems() {}

    /** The item's attributes: written now, or parked in a reservation until a later transaction. */
    static Map<String, AttributeValue> item(OutboxMessage message) {
        return OutboxItem.of(message).item(SK);
    }

    /** A put of a new outbox item: an event id is never written twice. */
    static TransactWriteItem put(String tableName, Map<String, AttributeValue> item) {
        return TransactWrites.putNew(tableName, item);
    }

    static TransactWriteItem put(String tableName, OutboxMessage message) {
        return put(tableName, item(message));
    }
}
