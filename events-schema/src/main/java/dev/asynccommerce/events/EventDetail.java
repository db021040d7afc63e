package dev.asynccommerce.events;

import java.util.Objects;

/**
 * The EventBridge {@code detail} of a commerce event: its metadata and its data.
 *
 * <p>The metadata must name the data's event type and schema version; a detail that says one
 * thing in its metadata and carries another is refused here, before it can reach the wire. Build
 * one with {@link Events#detail}, which fills both from the data.
 */
public record EventDetail<T extends EventData>(EventMetadata metadata, T data) {

    public EventDetail {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(data, "data");
        EventType type = EventType.of(data);
        if (!type.detailType().equals(metadata.eventType()) || type.schemaVersion() != metadata.schemaVersion()) {
            throw new IllegalArgumentException("metadata names " + metadata.eventType() + " v"
                    + metadata.schemaVersion() + " but the data is " + type.detailType() + " v"
                    + type.schemaVersion());
        }
    }

    /** The type of this event. */
    public EventType type() {
        return EventType.of(data);
    }
}
