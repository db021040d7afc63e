package dev.asynccommerce.relay.adapter.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.asynccommerce.platform.outbox.OutboxItem;
import dev.asynccommerce.relay.application.OutboxRecord;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Picks the outbox inserts out of a DynamoDB stream batch, in stream order.
 *
 * <p>Only {@code INSERT} records count: an outbox item is never updated, and its {@code REMOVE}
 * (a TTL deletion by the DynamoDB service, or a clean-up) is no new event. An insert counts when
 * its new image has {@code itemType} = {@value OutboxItem#ITEM_TYPE}, or has no {@code itemType}
 * but an outbox key; every other item type is another aggregate's business and is skipped. An
 * outbox insert with missing or unreadable attributes is still returned, with nulls, so the relay
 * reports it instead of losing it.
 */
public final class OutboxRecords {
    private static final Logger LOG = LogManager.getLogger(OutboxRecords.class);
    private static final String INSERT = "INSERT";

    private OutboxRecords() {}

    public static List<OutboxRecord> from(DynamodbEvent event) {
        if (event == null || event.getRecords() == null) {
            return List.of();
        }
        List<OutboxRecord> records = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            outboxRecord(record).ifPresent(records::add);
        }
        return records;
    }

    static Optional<OutboxRecord> outboxRecord(DynamodbEvent.DynamodbStreamRecord record) {
        StreamRecord change = record.getDynamodb();
        if (!INSERT.equals(record.getEventName()) || change == null) {
            return Optional.empty();
        }
        String keyEventId = outboxKeyEventId(change.getKeys());
        Map<String, AttributeValue> image = change.getNewImage();
        if (image == null) {
            if (keyEventId == null) {
                return Optional.empty();
            }
            // A stream without new images cannot carry the outbox: report, never skip.
            LOG.error(
                    "outbox insert without a new image (stream view type must include new images):"
                            + " eventId={} sequenceNumber={}",
                    keyEventId,
                    change.getSequenceNumber());
            return Optional.of(new OutboxRecord(change.getSequenceNumber(), keyEventId, null, null, null, null, null));
        }
        if (keyEventId == null) {
            keyEventId = outboxKeyEventId(image);
        }
        String itemType = string(image, OutboxItem.ATTR_ITEM_TYPE);
        boolean outbox = OutboxItem.ITEM_TYPE.equals(itemType) || (itemType == null && keyEventId != null);
        if (!outbox) {
            return Optional.empty();
        }
        String eventId = string(image, OutboxItem.ATTR_EVENT_ID);
        return Optional.of(new OutboxRecord(
                change.getSequenceNumber(),
                eventId != null ? eventId : keyEventId,
                string(image, OutboxItem.ATTR_SOURCE),
                string(image, OutboxItem.ATTR_DETAIL_TYPE),
                string(image, OutboxItem.ATTR_DETAIL),
                instant(string(image, OutboxItem.ATTR_OCCURRED_AT)),
                string(image, OutboxItem.ATTR_TRACE_HEADER)));
    }

    private static String outboxKeyEventId(Map<String, AttributeValue> keys) {
        String pk = keys == null ? null : string(keys, OutboxItem.ATTR_PK);
        return pk != null && pk.startsWith(OutboxItem.KEY_PREFIX) && pk.length() > OutboxItem.KEY_PREFIX.length()
                ? pk.substring(OutboxItem.KEY_PREFIX.length())
                : null;
    }

    private static String string(Map<String, AttributeValue> image, String name) {
        AttributeValue value = image.get(name);
        return value == null ? null : value.getS();
    }

    /** An unreadable time becomes null, which the relay reports as a defect of the record. */
    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
