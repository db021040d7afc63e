package dev.asynccommerce.payments.adapter.dynamodb;

import dev.asynccommerce.kernel.Money;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.payments.domain.DeclineKind;
import dev.asynccommerce.payments.domain.LedgerEntry;
import dev.asynccommerce.payments.domain.MethodType;
import dev.asynccommerce.payments.domain.PaymentId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Ledger entries as items of the payments table: {@code pk = ORDER#<orderId>}, {@code sk =
 * ENTRY#<sequence, 10 digits>}, so that one query returns an order's ledger in order. Every kind
 * shares {@code kind}, {@code amountCents}, {@code currency}, {@code idempotencyKey} and {@code at};
 * the others appear where the kind has them. No payment token is ever stored.
 */
final class LedgerItems {
    static final String PK = "pk";
    static final String SK = "sk";
    static final String ORDER_PREFIX = "ORDER#";
    static final String ENTRY_PREFIX = "ENTRY#";
    static final String ITEM_TYPE = "PaymentLedgerEntry";

    private LedgerItems() {}

    static String partitionKey(OrderId orderId) {
        return ORDER_PREFIX + orderId.value();
    }

    static String sortKey(long sequence) {
        return ENTRY_PREFIX + "%010d".formatted(sequence);
    }

    static Map<String, AttributeValue> toItem(OrderId orderId, LedgerEntry entry, String eventId) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(partitionKey(orderId)));
        item.put(SK, s(sortKey(entry.sequence())));
        item.put("itemType", s(ITEM_TYPE));
        item.put("orderId", s(orderId.value()));
        item.put("sequence", n(entry.sequence()));
        item.put("at", s(entry.at().toString()));
        item.put("amountCents", n(entry.amount().minorUnits()));
        item.put("currency", s(entry.amount().currencyCode()));
        item.put("idempotencyKey", s(entry.idempotencyKey()));
        item.put("eventId", s(eventId));
        switch (entry) {
            case LedgerEntry.Authorized a -> {
                item.put("kind", s("AUTHORIZED"));
                item.put("attempt", n(a.attempt()));
                item.put("methodIndex", n(a.methodIndex()));
                item.put("methodType", s(a.methodType().name()));
                item.put("paymentId", s(a.paymentId().value()));
            }
            case LedgerEntry.Declined d -> {
                item.put("kind", s("DECLINED"));
                item.put("attempt", n(d.attempt()));
                item.put("methodIndex", n(d.methodIndex()));
                item.put("methodType", s(d.methodType().name()));
                item.put("declineKind", s(d.declineKind().name()));
                item.put("reason", s(d.reasonCode()));
            }
            case LedgerEntry.Failed f -> {
                item.put("kind", s("FAILED"));
                item.put("attempt", n(f.attempt()));
                item.put("reason", s(f.reason()));
            }
            case LedgerEntry.Captured c -> {
                item.put("kind", s("CAPTURED"));
                item.put("paymentId", s(c.paymentId().value()));
            }
            case LedgerEntry.Voided v -> {
                item.put("kind", s("VOIDED"));
                item.put("paymentId", s(v.paymentId().value()));
            }
            case LedgerEntry.Refunded r -> {
                item.put("kind", s("REFUNDED"));
                item.put("paymentId", s(r.paymentId().value()));
                item.put("refundId", s(r.refundId()));
                item.put("reason", s(r.reason()));
            }
        }
        return item;
    }

    static LedgerEntry fromItem(Map<String, AttributeValue> item) {
        long sequence = number(item, "sequence");
        Instant at = Instant.parse(text(item, "at"));
        Money amount = Money.of(number(item, "amountCents"), text(item, "currency"));
        String key = text(item, "idempotencyKey");
        String kind = text(item, "kind");
        return switch (kind) {
            case "AUTHORIZED" ->
                new LedgerEntry.Authorized(
                        sequence,
                        at,
                        (int) number(item, "attempt"),
                        (int) number(item, "methodIndex"),
                        MethodType.valueOf(text(item, "methodType")),
                        new PaymentId(text(item, "paymentId")),
                        amount,
                        key);
            case "DECLINED" ->
                new LedgerEntry.Declined(
                        sequence,
                        at,
                        (int) number(item, "attempt"),
                        (int) number(item, "methodIndex"),
                        MethodType.valueOf(text(item, "methodType")),
                        DeclineKind.valueOf(text(item, "declineKind")),
                        text(item, "reason"),
                        amount,
                        key);
            case "FAILED" ->
                new LedgerEntry.Failed(sequence, at, (int) number(item, "attempt"), text(item, "reason"), amount, key);
            case "CAPTURED" -> new LedgerEntry.Captured(sequence, at, paymentId(item), amount, key);
            case "VOIDED" -> new LedgerEntry.Voided(sequence, at, paymentId(item), amount, key);
            case "REFUNDED" ->
                new LedgerEntry.Refunded(
                        sequence, at, paymentId(item), text(item, "refundId"), text(item, "reason"), amount, key);
            default -> throw new IllegalStateException("unknown ledger entry kind " + kind);
        };
    }

    private static PaymentId paymentId(Map<String, AttributeValue> item) {
        return new PaymentId(text(item, "paymentId"));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) {
            throw new IllegalStateException("ledger item without " + name);
        }
        return value.s();
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.n() == null) {
            throw new IllegalStateException("ledger item without " + name);
        }
        return Long.parseLong(value.n());
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
