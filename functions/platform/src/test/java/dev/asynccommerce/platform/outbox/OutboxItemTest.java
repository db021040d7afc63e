package dev.asynccommerce.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.asynccommerce.platform.dynamodb.TransactWrites;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;

class OutboxItemTest {
    private static final Instant OCCURRED = Instant.parse("2026-11-21T08:15:30.123Z");
    private static final String DETAIL = "{\"metadata\":{},\"data\":{}}";

    private static OutboxItem event(String traceHeader) {
        return OutboxItem.of(
                "evt-1",
                "commerce.payments",
                "PaymentAuthorized",
                DETAIL,
                "ord-1",
                OCCURRED,
                OCCURRED.plus(OutboxItem.RETENTION),
                traceHeader);
    }

    @Test
    void theLowLevelItemHasEveryAttributeTheRelayReads() {
        Map<String, AttributeValue> item = event("Root=1-abc").item();

        assertThat(item)
                .containsOnlyKeys(
                        "pk",
                        "itemType",
                        "eventId",
                        "source",
                        "detailType",
                        "detail",
                        "aggregateId",
                        "occurredAt",
                        "expiresAt",
                        "traceHeader");
        assertThat(item.get(OutboxItem.ATTR_PK).s()).isEqualTo("OUTBOX#evt-1");
        assertThat(item.get(OutboxItem.ATTR_ITEM_TYPE).s()).isEqualTo(OutboxItem.ITEM_TYPE);
        assertThat(item.get(OutboxItem.ATTR_EVENT_ID).s()).isEqualTo("evt-1");
        assertThat(item.get(OutboxItem.ATTR_SOURCE).s()).isEqualTo("commerce.payments");
        assertThat(item.get(OutboxItem.ATTR_DETAIL_TYPE).s()).isEqualTo("PaymentAuthorized");
        assertThat(item.get(OutboxItem.ATTR_DETAIL).s()).isEqualTo(DETAIL);
        assertThat(item.get(OutboxItem.ATTR_AGGREGATE_ID).s()).isEqualTo("ord-1");
        assertThat(item.get(OutboxItem.ATTR_OCCURRED_AT).s()).isEqualTo("2026-11-21T08:15:30.123Z");
        assertThat(item.get(OutboxItem.ATTR_EXPIRES_AT).n())
                .isEqualTo(Long.toString(OCCURRED.plus(OutboxItem.RETENTION).getEpochSecond()));
        assertThat(item.get(OutboxItem.ATTR_TRACE_HEADER).s()).isEqualTo("Root=1-abc");
    }

    @Test
    void anAbsentTraceHeaderIsLeftOutRatherThanWrittenEmpty() {
        assertThat(event(null).item()).doesNotContainKey(OutboxItem.ATTR_TRACE_HEADER);
    }

    @Test
    void aTableWithASortKeyGetsTheOutboxSortKeyBesideTheSameAttributes() {
        OutboxItem event = event("Root=1-abc");

        Map<String, AttributeValue> item = event.item("sk");

        assertThat(item).containsAllEntriesOf(event.item()).hasSize(event.item().size() + 1);
        assertThat(item.get("sk").s()).isEqualTo(OutboxItem.SORT_KEY_VALUE);
        assertThatNullPointerException().isThrownBy(() -> event.item(null));
    }

    @Test
    void theItemReadsBackAsTheSameEvent() {
        OutboxItem read = OutboxItem.SCHEMA.mapToItem(event("Root=1-abc").item("sk"));

        assertThat(read.getEventId()).isEqualTo("evt-1");
        assertThat(read.getDetail()).isEqualTo(DETAIL);
        assertThat(Instant.parse(read.getOccurredAt())).isEqualTo(OCCURRED);
        assertThat(read.getTraceHeader()).isEqualTo("Root=1-abc");
    }

    @Test
    void theTransactionPutWritesTheItemOnlyUnderAFreeKey() {
        OutboxItem event = event(null);

        Put put = event.putNew("payments", "sk").put();

        assertThat(put.tableName()).isEqualTo("payments");
        assertThat(put.item()).isEqualTo(event.item("sk"));
        assertThat(put.conditionExpression()).isEqualTo(TransactWrites.KEY_IS_FREE);
    }
}
