package dev.asynccommerce.events;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The module's own JSON configuration (it must not depend on the functions' platform module):
 * strict on input, ISO-8601 instants and no indentation on output.
 */
final class StrictJson {
    /** EventBridge refuses entries over 256 KB, so a larger detail is not an event of ours. */
    private static final int MAX_DOCUMENT_BYTES = 256 * 1024;

    static final JsonMapper MAPPER = newMapper();

    private StrictJson() {}

    /** The outcome of parsing untrusted text: a tree, or a problem that does not quote the input. */
    sealed interface Parsed {
        record Tree(JsonNode node) implements Parsed {}

        record Malformed(String problem) implements Parsed {}
    }

    static Parsed parse(String json) {
        if (json == null || json.isBlank()) {
            return new Parsed.Malformed("$: is empty");
        }
        try {
            return new Parsed.Tree(MAPPER.readTree(json));
        } catch (StreamConstraintsException e) {
            return new Parsed.Malformed("$: exceeds the size limits of an event");
        } catch (JsonParseException e) {
            // Jackson's own message can quote the offending input, so only its position is kept.
            String what =
                    e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                            ? "duplicate key"
                            : "not well-formed JSON";
            return new Parsed.Malformed("$: " + what + at(e.getLocation()));
        } catch (JsonProcessingException e) {
            return new Parsed.Malformed("$: not well-formed JSON" + at(e.getLocation()));
        }
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static JsonMapper newMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.INDENT_OUTPUT)
                .build();
        mapper.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(16)
                        .maxStringLength(MAX_DOCUMENT_BYTES)
                        .maxNumberLength(32)
                        .maxDocumentLength(MAX_DOCUMENT_BYTES)
                        .build());
        return mapper;
    }
}
