package dev.asynccommerce.localstack.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An execution's event history in GetExecutionHistory's shape: {@code timestamp}, {@code type},
 * {@code id}, {@code previousEventId} and one {@code <type>EventDetails} object.
 */
final class History {
    private final List<Event> events = new ArrayList<>();

    /** One event; details keyed by the SDK's member name, e.g. {@code stateEnteredEventDetails}. */
    record Event(
            long id, long previousEventId, Instant timestamp, String type, String detailsName, ObjectNode details) {}

    synchronized long add(Instant at, long previous, String type, String detailsName, ObjectNode details) {
        long id = events.size() + 1L;
        events.add(new Event(id, previous, at, type, detailsName, details));
        return id;
    }

    /** The event with {@code id}. */
    synchronized Event event(long id) {
        return events.get((int) id - 1);
    }

    /** Takes back the events of an execution carried over a restart; their ids must run 1, 2, ... in order. */
    synchronized void restore(List<Event> recorded) {
        for (int i = 0; i < recorded.size(); i++) {
            if (recorded.get(i).id() != i + 1L) {
                throw new IllegalArgumentException("history event ids are not 1.." + recorded.size());
            }
        }
        events.clear();
        events.addAll(recorded);
    }

    synchronized long lastId() {
        return events.size();
    }

    synchronized List<Event> snapshot() {
        return List.copyOf(events);
    }

    static ObjectNode details(Object... keyValues) {
        ObjectNode node = Json.object();
        for (int i = 0; i < keyValues.length; i += 2) {
            Object value = keyValues[i + 1];
            String key = (String) keyValues[i];
            switch (value) {
                case null -> {}
                case JsonNode json -> node.set(key, json);
                case String text -> node.put(key, text);
                case Long number -> node.put(key, number);
                case Integer number -> node.put(key, number);
                case Boolean flag -> node.put(key, flag);
                default -> throw new IllegalArgumentException(String.valueOf(value));
            }
        }
        return node;
    }

    /** The {@code inputDetails}/{@code outputDetails} object AWS writes beside data. */
    static ObjectNode truncated() {
        return details("truncated", false);
    }
}
