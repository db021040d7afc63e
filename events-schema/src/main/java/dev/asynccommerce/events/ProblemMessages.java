package dev.asynccommerce.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns schema violations into messages that name the JSON path and the rule, and never the value
 * found there: event data may be sensitive, and these messages end up in logs and dead-letter
 * reasons. The library's own messages are not used because some of them quote the value.
 */
final class ProblemMessages {
    private static final Set<String> ABOUT_A_PROPERTY =
            Set.of("required", "additionalProperties", "unevaluatedProperties", "dependentRequired");

    private static final int MAX_LENGTH = 300;

    private ProblemMessages() {}

    /**
     * @param root what stands for {@code $} in the paths: {@code $} for a detail, {@code $.detail}
     *     for the detail inside a whole EventBridge event
     */
    static String describe(Error error, String root) {
        NodePath location = error.getInstanceLocation();
        if (error.getProperty() != null && ABOUT_A_PROPERTY.contains(error.getKeyword())) {
            location = location.append(error.getProperty());
        }
        return printable(rooted(location.toString(), root) + ": " + rule(error.getKeyword(), error.getSchemaNode()));
    }

    /**
     * Bounded and free of control characters: paths hold the input's property names, and a hostile
     * name must not flood or forge a log line.
     */
    static String printable(String message) {
        String cut = message.length() > MAX_LENGTH ? message.substring(0, MAX_LENGTH) + "..." : message;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    static String rooted(String path, String root) {
        return "$".equals(root) ? path : root + path.substring(1);
    }

    private static String rule(String keyword, JsonNode value) {
        return switch (keyword) {
            case "required" -> "is required";
            case "additionalProperties", "unevaluatedProperties" -> "is not a known property";
            case "type" -> "must be of type " + texts(value);
            case "pattern" -> "must match " + value.asText();
            case "format" -> "must be a valid " + value.asText();
            case "minLength" -> "must be " + value.asText() + " or more characters long";
            case "maxLength" -> "must be " + value.asText() + " or fewer characters long";
            case "minimum" -> "must be at least " + value.asText();
            case "maximum" -> "must be at most " + value.asText();
            case "exclusiveMinimum" -> "must be greater than " + value.asText();
            case "exclusiveMaximum" -> "must be less than " + value.asText();
            case "minItems" -> "must have " + value.asText() + " or more items";
            case "maxItems" -> "must have " + value.asText() + " or fewer items";
            case "uniqueItems" -> "must not repeat items";
            case "enum" -> "must be one of " + texts(value);
            case "const" -> "must equal " + value;
            case "not" ->
                value.hasNonNull("description")
                        ? "must not be " + value.get("description").asText()
                        : "has a form that is not allowed";
            default -> "breaks the rule '" + keyword + "'";
        };
    }

    private static String texts(JsonNode value) {
        if (!value.isArray()) {
            return value.asText();
        }
        List<String> texts = new ArrayList<>();
        value.forEach(item -> texts.add(item.asText()));
        return String.join(", ", texts);
    }
}
