package dev.asynccommerce.fulfillment.handler;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * JSON in and out of the stream handlers (workflow tasks, EventBridge targets), read as strictly
 * as platform's mapper reads HTTP bodies: duplicate keys, trailing content and oversize values are
 * refused.
 */
final class StreamJson {
    /** EventBridge events are at most 256 KiB; Step Functions payloads as well. */
    static final int MAX_BYTES = 256 * 1024;

    private static final Pattern PRINTABLE_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");
    private static final JsonMapper MAPPER = mapper();

    private StreamJson() {}

    private static JsonMapper mapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        mapper.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(32)
                        .maxStringLength(MAX_BYTES)
                        .build());
        return mapper;
    }

    static String readText(InputStream input) throws IOException {
        byte[] bytes = input.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("input larger than " + MAX_BYTES + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The JSON object in {@code text}, or null when it is not one. */
    static JsonNode objectOrNull(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    static void write(OutputStream output, Map<String, ?> value) throws IOException {
        output.write(MAPPER.writeValueAsBytes(value));
    }

    /** An id safe on a log line (printable ASCII, bounded), or null. */
    static String safeId(JsonNode node) {
        return node != null
                        && node.isTextual()
                        && PRINTABLE_ID.matcher(node.asText()).matches()
                ? node.asText()
                : null;
    }
}
