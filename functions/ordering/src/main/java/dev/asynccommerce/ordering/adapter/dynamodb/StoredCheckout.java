package dev.asynccommerce.ordering.adapter.dynamodb;

import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.ordering.application.CheckoutRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The answer given to one Idempotency-Key, {@code pk = IDEMPOTENCY#<sha256(key)>}: hashing bounds the
 * key's length and keeps whatever characters a client sends out of the table's keys. {@code
 * expiresAt} (epoch seconds) is the table's TTL attribute.
 */
record StoredCheckout(
        String pk, String itemType, String requestFingerprint, String orderId, String orderToken, long expiresAt) {

    static final String ITEM_TYPE = "Checkout";

    static String key(String idempotencyKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return "IDEMPOTENCY#" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static StoredCheckout from(CheckoutRecord record) {
        return new StoredCheckout(
                key(record.idempotencyKey()),
                ITEM_TYPE,
                record.requestFingerprint(),
                record.orderId().value(),
                record.orderToken(),
                record.expiresAt().getEpochSecond());
    }

    CheckoutRecord toRecord(String idempotencyKey) {
        return new CheckoutRecord(
                idempotencyKey, requestFingerprint, new OrderId(orderId), orderToken, Instant.ofEpochSecond(expiresAt));
    }
}
