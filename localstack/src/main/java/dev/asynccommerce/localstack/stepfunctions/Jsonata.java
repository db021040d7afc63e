package dev.asynccommerce.localstack.stepfunctions;

import com.dashjoin.jsonata.JException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSONata for states whose QueryLanguage is JSONata: strings written {@code {% expression %}} are
 * evaluated with dashjoin's JSONata with {@code $states} and the workflow variables bound; anything
 * else in a template is taken literally. Failures are {@code States.QueryEvaluationError}.
 */
public final class Jsonata {
    private Jsonata() {}

    /** Whether {@code text} is a JSONata expression string ({@code {% ... %}}). */
    public static boolean isExpression(String text) {
        String trimmed = text.trim();
        return trimmed.startsWith("{%") && trimmed.endsWith("%}") && trimmed.length() >= 4;
    }

    /** Evaluates every expression string inside {@code template} (objects and arrays walked). */
    public static JsonNode template(JsonNode template, Map<String, JsonNode> bindings) {
        return template(template, bindings, null);
    }

    /**
     * Evaluates {@code template} as the value of state field {@code field} ({@code Output},
     * {@code Arguments}, ...): an expression anywhere inside that yields nothing is a
     * States.QueryEvaluationError naming the expression and the field path, as AWS reports it
     * (recorded: "The JSONata expression '$doesNotExist' specified for the field 'Output/result'
     * returned nothing (undefined)."). With a null {@code field}, undefined values are dropped.
     */
    public static JsonNode template(JsonNode template, Map<String, JsonNode> bindings, String field) {
        if (template == null) {
            return null;
        }
        if (template.isTextual() && isExpression(template.asText())) {
            JsonNode value = evaluate(template.asText(), bindings, field);
            if (value == null && field != null) {
                throw StatesError.queryEvaluation(
                        "The JSONata expression '" + body(template.asText()) + "' specified for the field '" + field
                                + "' returned nothing (undefined).",
                        field);
            }
            return value;
        }
        if (template instanceof ObjectNode object) {
            ObjectNode out = Json.object();
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                JsonNode value = template(e.getValue(), bindings, field == null ? null : field + "/" + e.getKey());
                if (value != null) {
                    out.set(e.getKey(), value);
                }
            }
            return out;
        }
        if (template instanceof ArrayNode array) {
            ArrayNode out = Json.array();
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = template(array.get(i), bindings, field == null ? null : field + "[" + i + "]");
                out.add(value == null ? NullNode.getInstance() : value);
            }
            return out;
        }
        return template;
    }

    /** The expression inside a {@code {% ... %}} template string (for causes). */
    static String expressionOf(JsonNode template) {
        return template.isTextual() && isExpression(template.asText()) ? body(template.asText()) : Json.write(template);
    }

    private static String body(String expressionText) {
        String trimmed = expressionText.trim();
        return trimmed.substring(2, trimmed.length() - 2).trim();
    }

    /**
     * Evaluates one {@code {% expression %}}; answers null when JSONata yields nothing (undefined),
     * which a caller turns into an error where AWS does.
     */
    public static JsonNode evaluate(String expressionText, Map<String, JsonNode> bindings) {
        return evaluate(expressionText, bindings, null);
    }

    private static JsonNode evaluate(String expressionText, Map<String, JsonNode> bindings, String field) {
        String expression = body(expressionText);
        try {
            // A compiled expression keeps evaluation state, so each evaluation gets its own copy.
            com.dashjoin.jsonata.Jsonata compiled = com.dashjoin.jsonata.Jsonata.jsonata(expression);
            AwsJsonataFunctions.registerAll(compiled, StateEnvironment.now());
            com.dashjoin.jsonata.Jsonata.Frame frame = compiled.createFrame();
            for (Map.Entry<String, JsonNode> binding : bindings.entrySet()) {
                frame.bind(binding.getKey(), toJava(binding.getValue()));
            }
            Object result = compiled.evaluate(null, frame);
            return result == null ? null : Json.toNode(normalise(result));
        } catch (JException | IllegalArgumentException | ClassCastException | UnsupportedOperationException e) {
            // AWS (recorded): "The JSONata expression '$f($x)' specified for the field
            // 'Output/FunctionResult' threw an error during evaluation. T1006: Attempted to invoke a
            // non-function". dashjoin's messages follow jsonata-js, whose codes AWS prints.
            String code = e instanceof JException j && j.getError() != null ? j.getError() + ": " : "";
            throw StatesError.queryEvaluation(
                    "The JSONata expression '" + expression + "'"
                            + (field == null ? "" : " specified for the field '" + field + "'")
                            + " threw an error during evaluation. " + code + e.getMessage(),
                    field);
        }
    }

    static Object toJava(JsonNode node) {
        return node == null ? null : Json.MAPPER.convertValue(node, Object.class);
    }

    private static Object normalise(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, normalise(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Jsonata::normalise).toList();
        }
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
            // JSONata numbers are doubles; AWS writes integral results without a fraction.
            return d.longValue();
        }
        return value;
    }
}
