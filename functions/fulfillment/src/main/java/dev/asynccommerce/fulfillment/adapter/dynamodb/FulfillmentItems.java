package dev.asynccommerce.fulfillment.adapter.dynamodb;

import dev.asynccommerce.fulfillment.application.OutboxMessage;
import dev.asynccommerce.fulfillment.domain.PickLine;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.platform.outbox.OutboxItem;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Keys and attribute shapes shared by the fulfillment table's adapters (key {@code pk} + {@code sk}).
 * Every item of one order lives under {@code ORDER#<orderId>}; items a store lists live under
 * {@code STORE#<storeId>}.
 */
final class FulfillmentItems {
    static final String ORDER_PREFIX = "ORDER#";
    static final String STORE_PREFIX = "STORE#";
    /** The outbox item's sort key: the table has one, platform's OutboxItem (pk only) does not. */
    static final String OUTBOX_SK = "OUTBOX";

    /** Long enough for the relay to have had every chance; the stream itself keeps 24 hours. */
    static final Duration OUTBOX_RETENTION = Duration.ofDays(2);
    /**
     * A closed task or wait is kept this long so that a late repeat (a device's retry, a workflow
     * step retried) is recognised rather than taken for an unknown order.
     */
    static final Duration CLOSED_RETENTION = Duration.ofDays(30);

    private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";

    private FulfillmentItems() {}

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    static String orderKey(OrderId orderId) {
        return ORDER_PREFIX + orderId.value();
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue epochSeconds(Instant instant) {
        return n(instant.getEpochSecond());
    }

    static AttributeValue lines(List<PickLine> lines) {
        return AttributeValue.fromL(lines.stream().map(FulfillmentItems::line).toList());
    }

    private static AttributeValue line(PickLine line) {
        return AttributeValue.fromM(Map.of("sku", s(line.sku().value()), "quantity", n(line.quantity())));
    }

    static List<PickLine> lines(AttributeValue value) {
        if (value == null || !value.hasL()) {
            return List.of();
        }
        return value.l().stream()
                .map(l -> new PickLine(
                        new Sku(l.m().get("sku").s()),
                        Integer.parseInt(l.m().get("quantity").n())))
                .toList();
    }

    static Instant instant(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : Instant.parse(value.s());
    }

    /** The outbox item for {@code message}, written only if its key is new. */
    static TransactWriteItem outboxPut(String tableName, OutboxMessage message) {
        OutboxItem outbox = OutboxItem.of(
                message.eventId(),
                message.source(),
                message.detailType(),
                message.detailJson(),
                message.aggregateId(),
                message.occurredAt(),
                message.occurredAt().plus(OUTBOX_RETENTION),
                message.traceHeader());
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(OutboxItem.ATTR_PK, s(outbox.getPk()));
        item.put("sk", s(OUTBOX_SK));
        item.put(OutboxItem.ATTR_ITEM_TYPE, s(outbox.getItemType()));
        item.put(OutboxItem.ATTR_EVENT_ID, s(outbox.getEventId()));
        item.put(OutboxItem.ATTR_SOURCE, s(outbox.getSource()));
        item.put(OutboxItem.ATTR_DETAIL_TYPE, s(outbox.getDetailType()));
        item.put(OutboxItem.ATTR_DETAIL, s(outbox.getDetail()));
        item.put(OutboxItem.ATTR_AGGREGATE_ID, s(outbox.getAggregateId()));
        item.put(OutboxItem.ATTR_OCCURRED_AT, s(outbox.getOccurredAt()));
        item.put(OutboxItem.ATTR_EXPIRES_AT, n(outbox.getExpiresAt()));
        if (outbox.getTraceHeader() != null) {
            item.put(OutboxItem.ATTR_TRACE_HEADER, s(outbox.getTraceHeader()));
        }
        return TransactWriteItem.builder()
                .put(p -> p.tableName(tableName).item(item).conditionExpression("attribute_not_exists(pk)"))
                .build();
    }

    static boolean failedCondition(TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return reasons != null
                && reasons.size() > index
                && CONDITIONAL_CHECK_FAILED.equals(reasons.get(index).code());
    }
}
