package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.events.EventData;
import dev.asynccommerce.events.EventDetail;
import dev.asynccommerce.events.EventJson;
import dev.asynccommerce.events.InvalidEventException;
import java.util.List;

/** Reads an EventBridge event as a rule target receives it, checked against the schemas. */
final class ReceivedEvents {
    private ReceivedEvents() {}

    sealed interface Read {
        record Valid(EventDetail<? extends EventData> detail) implements Read {}

        /** Broke its schema: the problems name paths and rules only, safe to log. */
        record Invalid(List<String> problems) implements Read {}
    }

    static Read read(String eventBridgeEventJson) {
        try {
            return new Read.Valid(EventJson.readEventBridgeEvent(eventBridgeEventJson));
        } catch (InvalidEventException e) {
            return new Read.Invalid(e.problems());
        }
    }
}
