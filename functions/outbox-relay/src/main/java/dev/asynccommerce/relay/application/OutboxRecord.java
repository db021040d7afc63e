package dev.asynccommerce.relay.application;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One outbox insert read from a table stream, as the relay sees it.
 *
 * <p>Any attribute may be null: the stream adapter passes on what the item held, and the relay
 * decides whether it can be published ({@link #defect()}), so a broken item is reported instead of
 * silently dropped.
 *
 * @param sequenceNumber the stream record's sequence number, the identifier Lambda checkpoints on
 * @param eventId the event's id, unique per event; the relay publishes each id once per batch
 * @param source the EventBridge {@code source}, {@code commerce.<context>}
 * @param detailType the EventBridge {@code detail-type}, the event name
 * @param detail the EventBridge {@code detail}, the event's {@code {"metadata":..,"data":..}} JSON
 * @param occurredAt when the event happened, published as the event's {@code time}
 * @param traceHeader the X-Ray trace header of the request that wrote the event, or null
 */
public record OutboxRecord(
        String sequenceNumber,
        String eventId,
        String source,
        String detailType,
        String detail,
        Instant occurredAt,
        String traceHeader) {

    /** Why this record cannot be published, or empty when it can. */
    public Optional<String> defect() {
        List<String> missing = new ArrayList<>();
        if (isBlank(sequenceNumber)) {
            missing.add("sequenceNumber");
        }
        if (isBlank(eventId)) {
            missing.add("eventId");
        }
        if (isBlank(source)) {
            missing.add("source");
        }
        if (isBlank(detailType)) {
            missing.add("detailType");
        }
        if (isBlank(detail)) {
            missing.add("detail");
        }
        if (occurredAt == null) {
            missing.add("occurredAt");
        }
        return missing.isEmpty()
                ? Optional.empty()
                : Optional.of("missing or unreadable attributes " + String.join(", ", missing));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
