package dev.asynccommerce.payments.handler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.asynccommerce.payments.application.InvalidPaymentRequestException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the fields of one JSON object strictly: unknown fields, duplicate keys and values of the
 * wrong JSON type are problems, named by field and never quoting a value (it might be a token).
 * Reading goes on past a problem so that one answer lists them all.
 */
final class JsonFields {
    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        MAPPER.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(16)
                        .maxStringLength(64 * 1024)
                        .maxNumberLength(32)
                        .build());
    }

    private final JsonNode object;
    private final String prefix;
    private final List<String> problems;

    private JsonFields(JsonNode object, String prefix, List<String> problems, Set<String> known) {
        this.object = object;
        this.prefix = prefix;
        this.problems = problems;
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(prefix + "(a field): is not a known field");
            }
        }
    }

    /** The object in {@code json}, or empty when it is not well-formed JSON holding an object. */
    static Optional<JsonNode> parseObject(String json) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            JsonNode node = MAPPER.readTree(json);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    static JsonFields of(JsonNode object, Set<String> known) {
        return new JsonFields(object, "", new ArrayList<>(), known);
    }

    JsonFields nested(JsonNode child, String name, Set<String> known) {
        return new JsonFields(child, prefix + name + ".", problems, known);
    }

    /** A string field; null when absent or JSON null. */
    String text(String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            problems.add(prefix + name + ": must be a string");
            return null;
        }
        return value.asText();
    }

    /** An integer field; null when absent or JSON null. */
    Long integer(String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            problems.add(prefix + name + ": must be a whole number");
            return null;
        }
        return value.asLong();
    }

    /** The elements of an array field; null when absent or JSON null. */
    List<JsonNode> array(String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            problems.add(prefix + name + ": must be an array");
            return null;
        }
        List<JsonNode> elements = new ArrayList<>();
        value.forEach(elements::add);
        return elements;
    }

    void problem(String field, String message) {
        problems.add(prefix + field + ": " + message);
    }

    /** @throws InvalidPaymentRequestException when reading found any problem */
    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidPaymentRequestException(problems);
        }
    }
}
