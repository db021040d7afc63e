package dev.asynccommerce.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Event details to and from their wire JSON, checked against the schema both ways: a producer
 * cannot write an event its consumers would refuse, and a consumer never gets a record from JSON
 * that breaks the contract.
 *
 * <p>Output is compact JSON with instants in ISO-8601 UTC ({@code 2026-11-21T08:35:12.345Z}).
 * Input is read strictly: unknown properties, duplicate keys, trailing content, numbers with a
 * fraction and values of the wrong JSON type are refused by the schema and again by the mapper.
 * Every refusal is an {@link InvalidEventException} whose problems are safe to log.
 */
public final class EventJson {
    private EventJson() {}

    /**
     * The EventBridge {@code detail} JSON of an event.
     *
     * @throws InvalidEventException if the event breaks its schema (a producer bug, e.g. a negative
     *     amount or an empty line list)
     */
    public static String write(EventDetail<?> detail) {
        EventType type = detail.type();
        ObjectNode tree = StrictJson.MAPPER.createObjectNode();
        tree.set("metadata", StrictJson.MAPPER.valueToTree(detail.metadata()));
        tree.set("data", StrictJson.MAPPER.valueToTree(detail.data()));
        List<String> problems = EventValidator.instance().validateTree(type.detailType(), tree);
        if (!problems.isEmpty()) {
            throw new InvalidEventException(type.detailType(), problems);
        }
        try {
            return StrictJson.MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    /**
     * The event in an EventBridge {@code detail}, validated against the schema of its detail-type
     * and {@code metadata.schemaVersion}. Consumers switch over the sealed {@link EventData}.
     *
     * @throws InvalidEventException if the detail-type is not ours or the JSON breaks the schema
     */
    public static EventDetail<? extends EventData> read(String detailType, String detailJson) {
        JsonNode detail = parse(detailType, detailJson);
        EventValidator validator = EventValidator.instance();
        List<String> problems = validator.validateTree(detailType, detail);
        if (!problems.isEmpty()) {
            throw new InvalidEventException(detailType, problems);
        }
        return map(validator.typeOf(detailType, detail).orElseThrow(), detail);
    }

    /**
     * The event in a whole EventBridge event as a target receives it (the Lambda event, or the body
     * of an SQS message fed by a rule), after checking the envelope, the detail, and that the
     * source is the detail-type's own.
     *
     * @throws InvalidEventException if any of those checks fails
     */
    public static EventDetail<? extends EventData> readEventBridgeEvent(String eventJson) {
        JsonNode event = parse(null, eventJson);
        String detailType = event.path("detail-type").isTextual()
                ? event.path("detail-type").asText()
                : null;
        EventValidator validator = EventValidator.instance();
        List<String> problems = validator.validateEventTree(event);
        if (!problems.isEmpty()) {
            throw new InvalidEventException(detailType, problems);
        }
        JsonNode detail = event.get("detail");
        return map(validator.typeOf(detailType, detail).orElseThrow(), detail);
    }

    /**
     * Maps a detail to records without consulting the schema; callers validate first. Kept apart so
     * that tests can show the mapper is strict on its own.
     */
    static EventDetail<? extends EventData> map(EventType type, JsonNode detail) {
        List<String> problems = new ArrayList<>();
        detail.properties().forEach(field -> {
            if (!field.getKey().equals("metadata") && !field.getKey().equals("data")) {
                problems.add(ProblemMessages.printable("$." + field.getKey() + ": is not a known property"));
            }
        });
        for (String part : List.of("metadata", "data")) {
            if (!detail.path(part).isObject()) {
                problems.add("$." + part + ": is required");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidEventException(type.detailType(), problems);
        }
        EventMetadata metadata = map(type, detail.get("metadata"), EventMetadata.class, "$.metadata");
        EventData data = map(type, detail.get("data"), type.dataType(), "$.data");
        try {
            return new EventDetail<>(metadata, data);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(
                    type.detailType(), List.of("$.metadata: does not name the data's event type and version"));
        }
    }

    private static <T> T map(EventType type, JsonNode node, Class<T> target, String root) {
        try {
            return StrictJson.MAPPER.treeToValue(node, target);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidEventException(type.detailType(), List.of(path(root, e) + ": is not a known property"));
        } catch (DatabindException e) {
            // Jackson's message may quote the value; only the path is kept.
            throw new InvalidEventException(
                    type.detailType(), List.of(path(root, e) + ": cannot be read into " + target.getSimpleName()));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidEventException(
                    type.detailType(), List.of(root + ": cannot be read into " + target.getSimpleName()));
        }
    }

    private static JsonNode parse(String detailType, String json) {
        return switch (StrictJson.parse(json)) {
            case StrictJson.Parsed.Malformed malformed ->
                throw new InvalidEventException(detailType, List.of(malformed.problem()));
            case StrictJson.Parsed.Tree tree -> tree.node();
        };
    }

    private static String path(String root, DatabindException e) {
        StringBuilder path = new StringBuilder(root);
        if (e instanceof JsonMappingException mapping) {
            for (JsonMappingException.Reference reference : mapping.getPath()) {
                if (reference.getFieldName() != null) {
                    path.append('.').append(reference.getFieldName());
                } else if (reference.getIndex() >= 0) {
                    path.append('[').append(reference.getIndex()).append(']');
                }
            }
        }
        return ProblemMessages.printable(path.toString());
    }
}
