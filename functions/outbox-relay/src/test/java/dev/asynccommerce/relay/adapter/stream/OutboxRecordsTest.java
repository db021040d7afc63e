package dev.asynccommerce.relay.adapter.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.asynccommerce.relay.application.OutboxRecord;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboxRecordsTest {

    @Test
    void mapsAnOutboxInsertAttributeByAttribute() {
        DynamodbEvent event = event(insert("1", outboxImage("evt-1")));

        assertThat(OutboxRecords.from(event))
                .containsExactly(new OutboxRecord(
                        "1",
                        "evt-1",
                        "commerce.ordering",
                        "OrderPlaced",
                        "{\"metadata\":{\"eventId\":\"evt-1\"},\"data\":{}}",
                        Instant.parse("2026-11-21T08:15:30.123Z"),
                        "Root=1-6740f0b2-5f1e4b3c2d1a0f9e8d7c6b5a"));
    }

    @Test
    void ignoresUpdatesRemovalsTtlDeletionsAndOtherItemTypes() {
        DynamodbEvent.DynamodbStreamRecord modify = record("2", "MODIFY", outboxImage("evt-2"));
        DynamodbEvent.DynamodbStreamRecord remove = record("3", "REMOVE", null);
        remove.getDynamodb().setOldImage(outboxImage("evt-3"));
        DynamodbEvent.DynamodbStreamRecord ttlDeletion = record("4", "REMOVE", null);
        ttlDeletion.getDynamodb().setOldImage(outboxImage("evt-4"));
        Identity dynamoDbService = new Identity();
        dynamoDbService.setType("Service");
        dynamoDbService.setPrincipalId("dynamodb.amazonaws.com");
        ttlDeletion.setUserIdentity(dynamoDbService);
        Map<String, AttributeValue> order = new HashMap<>();
        order.put("pk", s("ORDER#o-1"));
        order.put("itemType", s("Order"));
        order.put("detail", s("{}"));
        DynamodbEvent.DynamodbStreamRecord orderInsert = insert("5", order);

        DynamodbEvent event = event(modify, remove, ttlDeletion, orderInsert, insert("6", outboxImage("evt-6")));

        assertThat(OutboxRecords.from(event)).extracting(OutboxRecord::eventId).containsExactly("evt-6");
    }

    @Test
    void keepsAnOutboxInsertWithMissingOrUnreadableAttributesForTheRelayToReport() {
        Map<String, AttributeValue> broken = outboxImage("evt-7");
        broken.remove("detail");
        broken.put("occurredAt", s("yesterday"));
        broken.put("source", new AttributeValue().withN("1"));

        List<OutboxRecord> records = OutboxRecords.from(event(insert("7", broken)));

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.detail()).isNull();
            assertThat(record.occurredAt()).isNull();
            assertThat(record.source()).isNull();
            assertThat(record.defect()).contains("missing or unreadable attributes source, detail, occurredAt");
        });
    }

    @Test
    void treatsAnInsertWithAnOutboxKeyButNoItemTypeAsAnOutboxRecord() {
        Map<String, AttributeValue> image = outboxImage("evt-8");
        image.remove("itemType");

        assertThat(OutboxRecords.from(event(insert("8", image))))
                .extracting(OutboxRecord::eventId)
                .containsExactly("evt-8");
    }

    @Test
    void reportsAnOutboxInsertThatCameWithoutItsNewImage() {
        DynamodbEvent.DynamodbStreamRecord keysOnly = insert("9", null);
        keysOnly.getDynamodb().setKeys(Map.of("pk", s("OUTBOX#evt-9")));
        DynamodbEvent.DynamodbStreamRecord otherKeysOnly = insert("10", null);
        otherKeysOnly.getDynamodb().setKeys(Map.of("pk", s("ORDER#o-1")));

        List<OutboxRecord> records = OutboxRecords.from(event(keysOnly, otherKeysOnly));

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.sequenceNumber()).isEqualTo("9");
            assertThat(record.eventId()).isEqualTo("evt-9");
            assertThat(record.defect()).isPresent();
        });
    }

    @Test
    void readsNothingFromAnEventWithoutRecords() {
        assertThat(OutboxRecords.from(new DynamodbEvent())).isEmpty();
    }

    private static Map<String, AttributeValue> outboxImage(String eventId) {
        Map<String, AttributeValue> image = new HashMap<>();
        image.put("pk", s("OUTBOX#" + eventId));
        image.put("itemType", s("OutboxEvent"));
        image.put("eventId", s(eventId));
        image.put("source", s("commerce.ordering"));
        image.put("detailType", s("OrderPlaced"));
        image.put("detail", s("{\"metadata\":{\"eventId\":\"" + eventId + "\"},\"data\":{}}"));
        image.put("aggregateId", s("o-1"));
        image.put("occurredAt", s("2026-11-21T08:15:30.123Z"));
        image.put("expiresAt", new AttributeValue().withN("1795774530"));
        image.put("traceHeader", s("Root=1-6740f0b2-5f1e4b3c2d1a0f9e8d7c6b5a"));
        return image;
    }

    private static AttributeValue s(String value) {
        return new AttributeValue().withS(value);
    }

    private static DynamodbEvent.DynamodbStreamRecord insert(String sequenceNumber, Map<String, AttributeValue> image) {
        return record(sequenceNumber, "INSERT", image);
    }

    private static DynamodbEvent.DynamodbStreamRecord record(
            String sequenceNumber, String eventName, Map<String, AttributeValue> newImage) {
        StreamRecord change = new StreamRecord();
        change.setSequenceNumber(sequenceNumber);
        change.setNewImage(newImage);
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName(eventName);
        record.setDynamodb(change);
        return record;
    }

    private static DynamodbEvent event(DynamodbEvent.DynamodbStreamRecord... records) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of(records));
        return event;
    }
}
