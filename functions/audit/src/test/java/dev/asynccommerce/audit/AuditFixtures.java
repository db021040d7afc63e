package dev.asynccommerce.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.events.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * Whole EventBridge events as a rule's target receives them, built around the published valid
 * examples of events-schema, so the fixtures can never drift from the contract.
 */
public final class AuditFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditFixtures() {}

    /** The valid example of {@code detailType}, in its EventBridge envelope. */
    public static String event(String detailType) {
        return event(detailType, detail -> {});
    }

    /** The same, with the detail changed first (e.g. another eventId or occurredAt). */
    public static String event(String detailType, Consumer<ObjectNode> change) {
        EventType type = EventType.forDetailType(detailType).orElseThrow();
        try (InputStream in =
                AuditFixtures.class.getResourceAsStream("/examples/" + detailType + "/valid-example.json")) {
            if (in == null) {
                throw new IllegalArgumentException("no published example for " + detailType);
            }
            ObjectNode detail = (ObjectNode) JSON.readTree(in);
            change.accept(detail);
            ObjectNode event = JSON.createObjectNode()
                    .put("version", "0")
                    .put("id", "6a7e8feb-b491-4cf7-a9f1-bf3703467718")
                    .put("detail-type", detailType)
                    .put("source", type.source())
                    .put("account", "111122223333")
                    .put("time", "2026-11-21T09:10:42Z")
                    .put("region", "eu-west-1");
            event.putArray("resources");
            event.set("detail", detail);
            return JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets a metadata field of a detail. */
    public static Consumer<ObjectNode> metadata(String field, String value) {
        return detail -> ((ObjectNode) detail.get("metadata")).put(field, value);
    }
}
