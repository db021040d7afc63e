package dev.asynccommerce.platform.outbox;

import dev.asynccommerce.kernel.OutboxEvent;
import dev.asynccommerce.platform.dynamodb.TransactWrites;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A domain event waiting in a context's table for the outbox relay.
 *
 * <p>Every context writes these in the same {@code TransactWriteItems} as the state change they
 * describe; the table's stream carries the insert to the relay, which publishes it to EventBridge.
 * The item is never updated; it disappears by TTL ({@code expiresAt}) once the relay has long had
 * its chance. The attribute names here are the contract between writers and the relay.
 *
 * <p>A table keyed by {@code pk} alone takes the item through {@link #SCHEMA} (the enhanced client);
 * a table that also has a sort key takes it through {@link #item(String)} or {@link
 * #putNew(String, String)} (the low-level client), with {@value #SORT_KEY_VALUE} as its sort key. The
 * relay reads the same attributes either way: it looks at {@code pk} and the image, never the sort
 * key.
 */
public final class OutboxItem {
    /** {@code itemType} value that marks an outbox insert among a table's other items. */
    public static final String ITEM_TYPE = "OutboxEvent";

    public static final String KEY_PREFIX = "OUTBOX#";
    public static final String ATTR_PK = "pk";
    public static final String ATTR_ITEM_TYPE = "itemType";
    public static final String ATTR_EVENT_ID = "eventId";
    public static final String ATTR_SOURCE = "source";
    public static final String ATTR_DETAIL_TYPE = "detailType";
    public static final String ATTR_DETAIL = "detail";
    public static final String ATTR_AGGREGATE_ID = "aggregateId";
    public static final String ATTR_OCCURRED_AT = "occurredAt";
    public static final String ATTR_EXPIRES_AT = "expiresAt";
    public static final String ATTR_TRACE_HEADER = "traceHeader";

    /** The sort key of an outbox item in a table keyed by {@code pk} and a sort key. */
    public static final String SORT_KEY_VALUE = "OUTBOX";

    /** Long enough for the relay to have had every chance; the stream itself keeps 24 hours. */
    public static final Duration RETENTION = Duration.ofDays(2);

    public static final TableSchema<OutboxItem> SCHEMA = StaticTableSchema.builder(OutboxItem.class)
            .newItemSupplier(OutboxItem::new)
            .addAttribute(
                    String.class,
                    a -> a.name(ATTR_PK)
                            .getter(OutboxItem::getPk)
                            .setter(OutboxItem::setPk)
                            .tags(StaticAttributeTags.primaryPartitionKey()))
            .addAttribute(
                    String.class,
                    a -> a.name(ATTR_ITEM_TYPE).getter(OutboxItem::getItemType).setter(OutboxItem::setItemType))
            .addAttribute(
                    String.class,
                    a -> a.name(ATTR_EVENT_ID).getter(OutboxItem::getEventId).setter(OutboxItem::setEventId))
            .addAttribute(
                    String.class,
                    a -> a.name(ATTR_SOURCE).getter(OutboxItem::getSource).setter(OutboxItem::setSource))
            .addAttribute(
                    String.class,
                    a -> a.name(ATTR_DETAIL_TYPE)
                            .getter(OutboxItem::getDetailType)
                            .setter(OutboxItem::setDetailType))
            .addAttribute(
                    String.class,
                    a -> a.name(ATTR_DETAIL).getter(OutboxItem::getDetail).setter(OutboxItem::setDetail))
            .addAttribute(
                    String.class,
                    a -> a.name(ATTR_AGGREGATE_ID)
                            .getter(OutboxItem::getAggregateId)
                            .setter(OutboxItem::setAggregateId))
            .addAttribute(
                    String.class,
                    a -> a.name(ATTR_OCCURRED_AT)
                            .getter(OutboxItem::getOccurredAt)
                            .setter(OutboxItem::setOccurredAt))
            .addAttribute(
                    Long.class,
                    a -> a.name(ATTR_EXPIRES_AT)
                            .getter(OutboxItem::getExpiresAt)
                            .setter(OutboxItem::setExpiresAt))
            .addAttribute(
                    String.class,
                    a -> a.name(ATTR_TRACE_HEADER)
                            .getter(OutboxItem::getTraceHeader)
                            .setter(OutboxItem::setTraceHeader))
            .build();

    private String pk;
    private String itemType;
    private String eventId;
    private String source;
    private String detailType;
    private String detail;
    private String aggregateId;
    private String occurredAt;
    private Long expiresAt;
    private String traceHeader;

    public OutboxItem() {}

    /** The outbox entry of a context's event, kept for {@link #RETENTION} after it occurred. */
    public static OutboxItem of(OutboxEvent event) {
        return of(
                event.eventId(),
                event.source(),
                event.detailType(),
                event.detailJson(),
                event.aggregateId(),
                event.occurredAt(),
                event.occurredAt().plus(RETENTION),
                event.traceHeader());
    }

    /**
     * An outbox entry for one event.
     *
     * @param detail the EventBridge {@code detail}: the event's {@code {"metadata":..,"data":..}} JSON
     * @param retainUntil when the item may be removed by TTL
     * @param traceHeader the X-Ray trace header of the writing request, or null
     */
    public static OutboxItem of(
            String eventId,
            String source,
            String detailType,
            String detail,
            String aggregateId,
            Instant occurredAt,
            Instant retainUntil,
            String traceHeader) {
        OutboxItem item = new OutboxItem();
        item.pk = KEY_PREFIX + Objects.requireNonNull(eventId, "eventId");
        item.itemType = ITEM_TYPE;
        item.eventId = eventId;
        item.source = Objects.requireNonNull(source, "source");
        item.detailType = Objects.requireNonNull(detailType, "detailType");
        item.detail = Objects.requireNonNull(detail, "detail");
        item.aggregateId = aggregateId;
        item.occurredAt = occurredAt.toString();
        item.expiresAt = retainUntil.getEpochSecond();
        item.traceHeader = traceHeader;
        return item;
    }

    /** This item's attributes for the low-level client, absent ones (a null trace header) left out. */
    public Map<String, AttributeValue> item() {
        return SCHEMA.itemToMap(this, true);
    }

    /**
     * This item's attributes for a table whose key is {@code pk} and {@code sortKeyName}: those of
     * {@link #item()} and the sort key {@value #SORT_KEY_VALUE}.
     */
    public Map<String, AttributeValue> item(String sortKeyName) {
        Objects.requireNonNull(sortKeyName, "sortKeyName");
        Map<String, AttributeValue> item = new HashMap<>(item());
        item.put(sortKeyName, AttributeValue.fromS(SORT_KEY_VALUE));
        return item;
    }

    /**
     * The put of this item, sort key {@code sortKeyName}, for the transaction of the change it
     * describes; an event id is written once, so a taken key fails the transaction.
     */
    public TransactWriteItem putNew(String tableName, String sortKeyName) {
        return TransactWrites.putNew(tableName, item(sortKeyName));
    }

    public String getPk() {
        return pk;
    }

    public void setPk(String pk) {
        this.pk = pk;
    }

    public String getItemType() {
        return itemType;
    }

    public void setItemType(String itemType) {
        this.itemType = itemType;
    }

    public String getEventId() {
        return eventId;
    }

    public void setEventId(String eventId) {
        this.eventId = eventId;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public String getDetailType() {
        return detailType;
    }

    public void setDetailType(String detailType) {
        this.detailType = detailType;
    }

    public String getDetail() {
        return detail;
    }

    public void setDetail(String detail) {
        this.detail = detail;
    }

    public String getAggregateId() {
        return aggregateId;
    }

    public void setAggregateId(String aggregateId) {
        this.aggregateId = aggregateId;
    }

    public String getOccurredAt() {
        return occurredAt;
    }

    public void setOccurredAt(String occurredAt) {
        this.occurredAt = occurredAt;
    }

    public Long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Long expiresAt) {
        this.expiresAt = expiresAt;
    }

    public String getTraceHeader() {
        return traceHeader;
    }

    public void setTraceHeader(String traceHeader) {
        this.traceHeader = traceHeader;
    }
}
