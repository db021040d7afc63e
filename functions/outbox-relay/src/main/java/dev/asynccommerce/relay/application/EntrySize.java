package dev.asynccommerce.relay.application;

import java.nio.charset.StandardCharsets;

/**
 * The size EventBridge counts for one {@code PutEvents} entry, by the rule of the EventBridge user
 * guide ("Calculating PutEvents event entry size"): 14 bytes for {@code Time} when set, plus the
 * UTF-8 bytes of {@code Source}, {@code DetailType}, {@code Detail} and each of {@code Resources}.
 * The bus name and the trace header do not count. The relay always sets {@code Time} and never
 * sends resources.
 */
public final class EntrySize {
    static final int TIME_BYTES = 14;

    private EntrySize() {}

    public static int of(OutboxRecord record) {
        int size = 0;
        if (record.occurredAt() != null) {
            size += TIME_BYTES;
        }
        size += utf8(record.source());
        size += utf8(record.detailType());
        size += utf8(record.detail());
        return size;
    }

    private static int utf8(String value) {
        return value == null ? 0 : value.getBytes(StandardCharsets.UTF_8).length;
    }
}
