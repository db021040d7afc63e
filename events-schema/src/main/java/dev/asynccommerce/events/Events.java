package dev.asynccommerce.events;

import java.time.Instant;

/** Builds event details whose metadata cannot disagree with their data. */
public final class Events {
    private Events() {}

    /**
     * A detail for {@code data}, with {@code eventType} and {@code schemaVersion} taken from its
     * {@link EventType}.
     *
     * @param eventId a new lower-case UUID for this event
     * @param occurredAt when the change happened (from the caller's clock)
     * @param correlationId the business flow's id, carried over from the event or request that
     *     caused this one
     * @param causationId the id of the event or request that caused this one
     * @param aggregateId the aggregate that changed
     * @param sequence the aggregate's version after the change
     */
    public static <T extends EventData> EventDetail<T> detail(
            T data,
            String eventId,
            Instant occurredAt,
            String correlationId,
            String causationId,
            String aggregateId,
            long sequence) {
        EventType type = EventType.of(data);
        EventMetadata metadata = new EventMetadata(
                eventId,
                type.detailType(),
                type.schemaVersion(),
                occurredAt,
                correlationId,
                causationId,
                aggregateId,
                sequence);
        return new EventDetail<>(metadata, data);
    }
}
