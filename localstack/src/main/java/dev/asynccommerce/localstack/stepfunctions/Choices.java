package dev.asynccommerce.localstack.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Evaluates JSONPath Choice rules. A comparison against a value of the wrong type is false, not an
 * error; a Variable (or a ...Path operand) that resolves to nothing is a States.Runtime error,
 * except under IsPresent, as the developer guide's Choice state page specifies.
 */
final class Choices {
    private Choices() {}

    static boolean matches(JsonNode rule, Function<String, Optional<JsonNode>> paths, String stateName) {
        if (rule.has("And")) {
            for (JsonNode r : rule.get("And")) {
                if (!matches(r, paths, stateName)) {
                    return false;
                }
            }
            return true;
        }
        if (rule.has("Or")) {
            for (JsonNode r : rule.get("Or")) {
                if (matches(r, paths, stateName)) {
                    return true;
                }
            }
            return false;
        }
        if (rule.has("Not")) {
            return !matches(rule.get("Not"), paths, stateName);
        }
        String variable = rule.get("Variable").asText();
        String operator = null;
        for (String op : DefinitionParser.CHOICE_OPERATORS) {
            if (rule.has(op)) {
                operator = op;
                break;
            }
        }
        JsonNode expected = rule.get(operator);
        Optional<JsonNode> found = paths.apply(variable);
        if ("IsPresent".equals(operator)) {
            return found.isPresent() == expected.asBoolean();
        }
        if (found.isEmpty()) {
            throw StatesError.runtime(
                    "Invalid path '" + variable + "': The choice state's condition path references an invalid value.");
        }
        JsonNode value = found.get();
        if (operator.endsWith("Path")) {
            String path = expected.asText();
            expected = paths.apply(path)
                    .orElseThrow(() -> StatesError.runtime("Invalid path '" + path
                            + "': The choice state's condition path references an invalid value."));
            operator = operator.substring(0, operator.length() - "Path".length());
        }
        return switch (operator) {
            case "IsNull" -> value.isNull() == expected.asBoolean();
            case "IsNumeric" -> value.isNumber() == expected.asBoolean();
            case "IsString" -> value.isTextual() == expected.asBoolean();
            case "IsBoolean" -> value.isBoolean() == expected.asBoolean();
            case "IsTimestamp" ->
                (value.isTextual() && Timestamps.parse(value.asText()) != null) == expected.asBoolean();
            case "BooleanEquals" ->
                value.isBoolean() && expected.isBoolean() && value.asBoolean() == expected.asBoolean();
            case "StringMatches" ->
                value.isTextual()
                        && wildcard(expected.asText()).matcher(value.asText()).matches();
            default -> compare(operator, value, expected);
        };
    }

    private static boolean compare(String operator, JsonNode value, JsonNode expected) {
        Integer order = null;
        if (operator.startsWith("String")) {
            if (value.isTextual() && expected.isTextual()) {
                order = Integer.signum(value.asText().compareTo(expected.asText()));
            }
        } else if (operator.startsWith("Numeric")) {
            if (value.isNumber() && expected.isNumber()) {
                BigDecimal a = value.decimalValue();
                BigDecimal b = expected.decimalValue();
                order = a.compareTo(b);
            }
        } else if (operator.startsWith("Timestamp")) {
            Instant a = value.isTextual() ? Timestamps.parse(value.asText()) : null;
            Instant b = expected.isTextual() ? Timestamps.parse(expected.asText()) : null;
            if (a != null && b != null) {
                order = a.compareTo(b);
            }
        }
        if (order == null) {
            return false;
        }
        String relation = operator.replaceFirst("^(String|Numeric|Timestamp)", "");
        return switch (relation) {
            case "Equals" -> order == 0;
            case "LessThan" -> order < 0;
            case "GreaterThan" -> order > 0;
            case "LessThanEquals" -> order <= 0;
            case "GreaterThanEquals" -> order >= 0;
            default -> throw new IllegalStateException(operator);
        };
    }

    /** StringMatches: {@code *} matches any run of characters; {@code \*} and {@code \\} escape. */
    static Pattern wildcard(String pattern) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                literal.append(pattern.charAt(++i));
            } else if (c == '*') {
                regex.append(Pattern.quote(literal.toString())).append(".*");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
