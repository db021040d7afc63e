package dev.asynccommerce.ordering.application;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.events.EventData;
import dev.asynccommerce.events.EventDetail;
import dev.asynccommerce.events.EventJson;
import dev.asynccommerce.events.EventMetadata;
import dev.asynccommerce.events.EventType;
import dev.asynccommerce.platform.json.Json;
import java.time.Instant;

/** Whole EventBridge events, as a rule delivers them to a target, around our event details. */
public final class EventBridgeEvents {
    private EventBridgeEvents() {}

    public static String of(EventType type, String eventId, String aggregateId, long sequence, EventData data) {
        return of(type, eventId, aggregateId, sequence, data, Instant.parse("2026-11-21T09:00:00Z"));
    }

    /** The same, for an event that {@code occurredAt} {@code at}. */
    public static String of(
            EventType type, String eventId, String aggregateId, long sequence, EventData data, Instant at) {
        EventDetail<EventData> detail = new EventDetail<>(
                new EventMetadata(
                        eventId, type.detailType(), type.schemaVersion(), at, "corr-1", "req-1", aggregateId, sequence),
                data);
        try {
            ObjectNode event = Json.mapper().createObjectNode();
            event.put("version", "0")
                    .put("id", "6a7e8feb-b491-4cf7-a9f1-bf3703467718")
                    .put("detail-type", type.detailType())
                    .put("source", type.source())
                    .put("account", "000000000000")
                    .put("time", "2026-11-21T09:00:00Z")
                    .put("region", "us-east-1")
                    .putArray("resources");
            event.set("detail", Json.mapper().readTree(EventJson.write(detail)));
            return event.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
