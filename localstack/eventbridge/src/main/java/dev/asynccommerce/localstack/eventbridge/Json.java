package dev.asynccommerce.localstack.eventbridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses JSON text, or returns null when it is not JSON. */
    static JsonNode parseOrNull(String text) {
        if (text == null) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** AWS JSON 1.1 timestamps are epoch seconds, with milliseconds as a fraction. */
    static BigDecimal epochSeconds(Instant t) {
        return BigDecimal.valueOf(t.toEpochMilli(), 3);
    }

    static Instant instant(JsonNode n) {
        BigDecimal seconds = n.decimalValue();
        long millis = seconds.movePointRight(3).longValue();
        return Instant.ofEpochMilli(millis);
    }

    /** The event {@code time} format: ISO-8601 in UTC at seconds precision, as AWS writes it. */
    static String eventTime(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }
}
