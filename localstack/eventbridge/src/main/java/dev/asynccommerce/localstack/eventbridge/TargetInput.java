package dev.asynccommerce.localstack.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a target receives: the whole event, a constant {@code Input}, the part of the event an {@code
 * InputPath} selects, or an {@code InputTransformer}'s template filled in, following
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html:
 *
 * <ul>
 *   <li>a variable outside quotes is replaced by its JSON value (a string gets quotes);
 *   <li>a variable inside quotes is replaced by its raw text, unescaped; an object or array there loses
 *       its inner quotes ("EventBridge removes any internal quotes to ensure a valid string");
 *   <li>reserved variables: {@code aws.events.rule-arn}, {@code aws.events.rule-name}, {@code
 *       aws.events.event.ingestion-time}, {@code aws.events.event} (the event without {@code detail})
 *       and {@code aws.events.event.json} (the whole event);
 *   <li>a variable whose path matches nothing is not defined; where it is used the emulator writes
 *       {@code null} outside quotes and nothing inside (AWS documents only that it "will not appear").
 * </ul>
 */
final class TargetInput {
    static final Set<String> RESERVED = Set.of(
            "aws.events.rule-arn",
            "aws.events.rule-name",
            "aws.events.event.ingestion-time",
            "aws.events.event",
            "aws.events.event.json");

    private static final Configuration PATHS = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();

    private TargetInput() {}

    /** PutTargets' checks on one target's input settings. */
    static void validate(ObjectNode target) {
        String id = target.path("Id").asText();
        int given = (target.hasNonNull("Input") ? 1 : 0)
                + (target.hasNonNull("InputPath") ? 1 : 0)
                + (target.hasNonNull("InputTransformer") ? 1 : 0);
        if (given > 1) {
            throw ApiException.validation(
                    "Only one of Input, InputPath, or InputTransformer must be provided for target " + id + ".");
        }
        if (target.hasNonNull("Input") && Json.parseOrNull(target.get("Input").asText()) == null) {
            throw ApiException.validation("Input is not valid JSON text for target " + id + ".");
        }
        if (target.hasNonNull("InputPath")) {
            checkPath(target.get("InputPath").asText(), "InputPath");
        }
        JsonNode transformer = target.path("InputTransformer");
        if (transformer.isObject()) {
            if (!transformer.path("InputTemplate").isTextual()) {
                throw ApiException.validation("InputTemplate is a required field in InputTransformer.");
            }
            JsonNode paths = transformer.path("InputPathsMap");
            if (paths.size() > 100) {
                throw ApiException.validation("InputPathsMap has more than 100 entries.");
            }
            for (Map.Entry<String, JsonNode> e : paths.properties()) {
                if (RESERVED.contains(e.getKey())) {
                    throw ApiException.validation("InputPathsMap cannot use the reserved key " + e.getKey() + ".");
                }
                checkPath(e.getValue().asText(), "InputPathsMap");
            }
        }
    }

    private static void checkPath(String path, String field) {
        try {
            JsonPath.compile(path);
        } catch (RuntimeException e) {
            throw ApiException.validation("Invalid " + field + " " + path + " : " + e.getMessage());
        }
        if (!path.startsWith("$")) {
            throw ApiException.validation("Invalid " + field + " " + path + " : must start with $");
        }
    }

    static String render(ObjectNode target, ObjectNode event, String ruleArn, String ruleName, Instant ingested) {
        if (target.hasNonNull("Input")) {
            return target.get("Input").asText();
        }
        if (target.hasNonNull("InputPath")) {
            JsonNode selected = select(event, target.get("InputPath").asText());
            return selected == null ? "null" : Json.write(selected);
        }
        JsonNode transformer = target.path("InputTransformer");
        if (!transformer.isObject()) {
            return Json.write(event);
        }
        Map<String, JsonNode> values = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : transformer.path("InputPathsMap").properties()) {
            JsonNode value = select(event, e.getValue().asText());
            if (value != null && !value.isMissingNode()) {
                values.put(e.getKey(), value);
            }
        }
        ObjectNode withoutDetail = event.deepCopy();
        withoutDetail.remove("detail");
        values.put("aws.events.rule-arn", Json.MAPPER.getNodeFactory().textNode(ruleArn));
        values.put("aws.events.rule-name", Json.MAPPER.getNodeFactory().textNode(ruleName));
        values.put(
                "aws.events.event.ingestion-time", Json.MAPPER.getNodeFactory().textNode(Json.eventTime(ingested)));
        values.put("aws.events.event", withoutDetail);
        values.put("aws.events.event.json", event);
        Set<String> declared = new java.util.HashSet<>(RESERVED);
        transformer.path("InputPathsMap").fieldNames().forEachRemaining(declared::add);
        return fill(transformer.get("InputTemplate").asText(), values, declared);
    }

    private static JsonNode select(JsonNode event, String path) {
        Object found = JsonPath.using(PATHS).parse(event).read(path);
        return found instanceof JsonNode node ? node : found == null ? null : Json.MAPPER.valueToTree(found);
    }

    /** Fills {@code <name>} placeholders, tracking whether each sits inside a JSON string literal. */
    static String fill(String template, Map<String, JsonNode> values, Set<String> declared) {
        StringBuilder out = new StringBuilder(template.length() + 64);
        boolean inString = false;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length()) {
                out.append(c).append(template.charAt(++i));
                continue;
            }
            if (c == '"') {
                inString = !inString;
                out.append(c);
                continue;
            }
            int close = c == '<' ? template.indexOf('>', i + 1) : -1;
            String name = close > 0 ? template.substring(i + 1, close) : null;
            if (name == null || !declared.contains(name)) {
                out.append(c);
                continue;
            }
            JsonNode value = values.get(name);
            if (inString) {
                out.append(value == null ? "" : value.isTextual() ? value.asText() : stripQuotes(value));
            } else {
                out.append(value == null ? "null" : Json.write(value));
            }
            i = close;
        }
        return out.toString();
    }

    private static String stripQuotes(JsonNode value) {
        return value.isContainerNode() ? Json.write(value).replace("\"", "") : value.asText();
    }
}
