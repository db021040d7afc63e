package dev.asynccommerce.fulfillment.adapter.dynamodb;

import dev.asynccommerce.fulfillment.application.OutboxMessage;
import dev.asynccommerce.fulfillment.domain.PickLine;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.platform.outbox.OutboxItem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Keys and attribute shapes shared by the fulfillment table's adapters (key {@code pk} + {@code sk}).
 * Every item of one order lives under {@code ORDER#<orderId>}; items a store lists live under
 * {@code STORE#<storeId>}.
 */
final class FulfillmentItems {
    static final String ORDER_PREFIX = "ORDER#";
    static final String STORE_PREFIX = "STORE#";
    static final String SORT_KEY = "sk";
    /**
     * A closed task or wait is kept this long so that a late repeat (a device's retry, a workflow
     * step retried) is recognised rather than taken for an unknown order.
     */
    static final Duration CLOSED_RETENTION = Duration.ofDays(30);

    private FulfillmentItems() {}

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), SORT_KEY, s(sk));
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

    /** Platform's outbox item for {@code message}, with this table's sort key, written only if new. */
    static TransactWriteItem outboxPut(String tableName, OutboxMessage message) {
        return OutboxItem.of(message).putNew(tableName, SORT_KEY);
    }
}
