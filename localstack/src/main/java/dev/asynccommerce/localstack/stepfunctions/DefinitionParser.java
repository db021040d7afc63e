package dev.asynccommerce.localstack.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.localstack.stepfunctions.Definition.Catcher;
import dev.asynccommerce.localstack.stepfunctions.Definition.ChoiceRule;
import dev.asynccommerce.localstack.stepfunctions.Definition.ChoiceState;
import dev.asynccommerce.localstack.stepfunctions.Definition.Common;
import dev.asynccommerce.localstack.stepfunctions.Definition.FailState;
import dev.asynccommerce.localstack.stepfunctions.Definition.MapState;
import dev.asynccommerce.localstack.stepfunctions.Definition.ParallelState;
import dev.asynccommerce.localstack.stepfunctions.Definition.PassState;
import dev.asynccommerce.localstack.stepfunctions.Definition.QueryLanguage;
import dev.asynccommerce.localstack.stepfunctions.Definition.Retrier;
import dev.asynccommerce.localstack.stepfunctions.Definition.State;
import dev.asynccommerce.localstack.stepfunctions.Definition.SucceedState;
import dev.asynccommerce.localstack.stepfunctions.Definition.TaskState;
import dev.asynccommerce.localstack.stepfunctions.Definition.WaitState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses and validates a States Language definition, collecting every problem it finds the way AWS
 * reports them in InvalidDefinition: {@code CODE: message at /json/pointer}, joined by commas.
 */
public final class DefinitionParser {
    static final Set<String> CHOICE_OPERATORS = Set.of(
            "StringEquals",
            "StringEqualsPath",
            "StringLessThan",
            "StringLessThanPath",
            "StringGreaterThan",
            "StringGreaterThanPath",
            "StringLessThanEquals",
            "StringLessThanEqualsPath",
            "StringGreaterThanEquals",
            "StringGreaterThanEqualsPath",
            "StringMatches",
            "NumericEquals",
            "NumericEqualsPath",
            "NumericLessThan",
            "NumericLessThanPath",
            "NumericGreaterThan",
            "NumericGreaterThanPath",
            "NumericLessThanEquals",
            "NumericLessThanEqualsPath",
            "NumericGreaterThanEquals",
            "NumericGreaterThanEqualsPath",
            "BooleanEquals",
            "BooleanEqualsPath",
            "TimestampEquals",
            "TimestampEqualsPath",
            "TimestampLessThan",
            "TimestampLessThanPath",
            "TimestampGreaterThan",
            "TimestampGreaterThanPath",
            "TimestampLessThanEquals",
            "TimestampLessThanEqualsPath",
            "TimestampGreaterThanEquals",
            "TimestampGreaterThanEqualsPath",
            "IsNull",
            "IsPresent",
            "IsNumeric",
            "IsString",
            "IsBoolean",
            "IsTimestamp");

    private static final Set<String> COMMON_FIELDS = Set.of("Type", "Comment", "QueryLanguage");
    private static final Set<String> JSONPATH_IO = Set.of("InputPath", "OutputPath");
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "Pass",
                    Set.of(
                            "Next",
                            "End",
                            "InputPath",
                            "OutputPath",
                            "Parameters",
                            "ResultPath",
                            "Result",
                            "Output",
                            "Assign"),
            "Task",
                    Set.of(
                            "Next",
                            "End",
                            "InputPath",
                            "OutputPath",
                            "Parameters",
                            "ResultSelector",
                            "ResultPath",
                            "Resource",
                            "TimeoutSeconds",
                            "TimeoutSecondsPath",
                            "HeartbeatSeconds",
                            "HeartbeatSecondsPath",
                            "Retry",
                            "Catch",
                            "Arguments",
                            "Output",
                            "Assign",
                            "Credentials"),
            "Choice", Set.of("InputPath", "OutputPath", "Choices", "Default", "Output", "Assign"),
            "Wait",
                    Set.of(
                            "Next",
                            "End",
                            "InputPath",
                            "OutputPath",
                            "Seconds",
                            "Timestamp",
                            "SecondsPath",
                            "TimestampPath",
                            "Output",
                            "Assign"),
            "Succeed", Set.of("InputPath", "OutputPath", "Output"),
            "Fail", Set.of("Error", "Cause", "ErrorPath", "CausePath"),
            "Parallel",
                    Set.of(
                            "Next",
                            "End",
                            "InputPath",
                            "OutputPath",
                            "Parameters",
                            "ResultSelector",
                            "ResultPath",
                            "Branches",
                            "Retry",
                            "Catch",
                            "Arguments",
                            "Output",
                            "Assign"),
            "Map",
                    Set.of(
                            "Next",
                            "End",
                            "InputPath",
                            "OutputPath",
                            "Parameters",
                            "ResultSelector",
                            "ResultPath",
                            "ItemsPath",
                            "Items",
                            "ItemSelector",
                            "ItemProcessor",
                            "Iterator",
                            "MaxConcurrency",
                            "MaxConcurrencyPath",
                            "ToleratedFailureCount",
                            "ToleratedFailureCountPath",
                            "ToleratedFailurePercentage",
                            "ToleratedFailurePercentagePath",
                            "Retry",
                            "Catch",
                            "Arguments",
                            "Output",
                            "Assign",
                            "Label",
                            "ItemReader",
                            "ResultWriter",
                            "ItemBatcher"));
    private static final Set<String> JSONATA_ONLY = Set.of("Arguments", "Output", "Items");
    private static final Set<String> JSONPATH_ONLY = Set.of(
            "InputPath",
            "OutputPath",
            "Parameters",
            "ResultSelector",
            "ResultPath",
            "ItemsPath",
            "SecondsPath",
            "TimestampPath",
            "TimeoutSecondsPath",
            "HeartbeatSecondsPath",
            "MaxConcurrencyPath",
            "ErrorPath",
            "CausePath",
            "ToleratedFailureCountPath",
            "ToleratedFailurePercentagePath",
            "Iterator");

    private final List<String> problems = new ArrayList<>();
    private final Set<String> allNames = new HashSet<>();

    private DefinitionParser() {}

    /** Parses {@code text}; throws {@link InvalidDefinitionException} naming every problem found. */
    public static Definition parse(String text) {
        JsonNode root;
        try {
            root = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidDefinitionException(
                    "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Invalid JSON: " + e.getMessage()
                            + "'");
        }
        DefinitionParser parser = new DefinitionParser();
        Definition definition = parser.machine(root, "", QueryLanguage.JSONPATH, true);
        if (!parser.problems.isEmpty()) {
            throw new InvalidDefinitionException(
                    "Invalid State Machine Definition: '" + String.join(", ", parser.problems) + "'");
        }
        return definition;
    }

    private void problem(String code, String message, String at) {
        problems.add(code + ": " + message + " at " + (at.isEmpty() ? "/" : at));
    }

    private Definition machine(JsonNode node, String at, QueryLanguage inherited, boolean top) {
        if (node == null || !node.isObject()) {
            problem("SCHEMA_VALIDATION_FAILED", "Expected an object", at);
            return null;
        }
        QueryLanguage language = inherited;
        if (node.has("QueryLanguage")) {
            language = language(node.get("QueryLanguage"), at + "/QueryLanguage", inherited);
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            boolean allowed =
                    Set.of("StartAt", "States", "Comment", "QueryLanguage").contains(field)
                            || top && Set.of("Version", "TimeoutSeconds").contains(field)
                            || !top && "ProcessorConfig".equals(field);
            if (!allowed) {
                problem(
                        "SCHEMA_VALIDATION_FAILED",
                        "These fields are required: [] but found unknown field " + field,
                        at);
            }
        }
        JsonNode startAt = node.get("StartAt");
        JsonNode states = node.get("States");
        if (startAt == null || !startAt.isTextual()) {
            problem("SCHEMA_VALIDATION_FAILED", "The field \"StartAt\" is required", at);
        }
        if (states == null || !states.isObject() || states.isEmpty()) {
            problem("SCHEMA_VALIDATION_FAILED", "The field \"States\" is required and must be a non-empty object", at);
            return null;
        }
        Integer timeout = null;
        if (top && node.has("TimeoutSeconds")) {
            JsonNode t = node.get("TimeoutSeconds");
            if (!t.canConvertToInt() || !t.isIntegralNumber() || t.intValue() <= 0) {
                problem(
                        "SCHEMA_VALIDATION_FAILED",
                        "TimeoutSeconds must be a positive integer",
                        at + "/TimeoutSeconds");
            } else {
                timeout = t.intValue();
            }
        }
        Map<String, State> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : states.properties()) {
            String name = entry.getKey();
            String stateAt = at + "/States/" + name;
            if (name.isEmpty() || name.length() > 80) {
                problem("SCHEMA_VALIDATION_FAILED", "State names must be 1 to 80 characters", stateAt);
            }
            if (!allNames.add(name)) {
                problem("DUPLICATE_STATE_NAME", "Duplicate State name: " + name, stateAt);
            }
            State state = state(name, entry.getValue(), stateAt, language);
            if (state != null) {
                parsed.put(name, state);
            }
        }
        if (startAt != null && startAt.isTextual() && !states.has(startAt.asText())) {
            problem("MISSING_TRANSITION_TARGET", "Missing 'Next' target: " + startAt.asText(), at + "/StartAt");
        }
        checkTransitions(parsed, states, at);
        if (startAt != null && startAt.isTextual() && states.has(startAt.asText())) {
            checkReachable(startAt.asText(), parsed, at);
        }
        return new Definition(startAt == null ? null : startAt.asText(), Map.copyOf(parsed), language, timeout);
    }

    private void checkTransitions(Map<String, State> parsed, JsonNode states, String at) {
        for (State state : parsed.values()) {
            String stateAt = at + "/States/" + state.name();
            List<String> targets = new ArrayList<>();
            if (state.common().next() != null) {
                targets.add(state.common().next());
                target(states, state.common().next(), stateAt + "/Next");
            }
            if (state instanceof ChoiceState choice) {
                for (int i = 0; i < choice.choices().size(); i++) {
                    target(states, choice.choices().get(i).next(), stateAt + "/Choices/" + i + "/Next");
                }
                if (choice.defaultState() != null) {
                    target(states, choice.defaultState(), stateAt + "/Default");
                }
            }
            for (int i = 0; i < state.common().catchers().size(); i++) {
                target(states, state.common().catchers().get(i).next(), stateAt + "/Catch/" + i + "/Next");
            }
        }
    }

    private void target(JsonNode states, String name, String at) {
        if (name != null && !states.has(name)) {
            problem("MISSING_TRANSITION_TARGET", "Missing 'Next' target: " + name, at);
        }
    }

    private void checkReachable(String start, Map<String, State> parsed, String at) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            State state = parsed.get(name);
            if (state == null || !seen.add(name)) {
                continue;
            }
            if (state.common().next() != null) {
                todo.push(state.common().next());
            }
            if (state instanceof ChoiceState choice) {
                choice.choices().forEach(rule -> todo.push(rule.next()));
                if (choice.defaultState() != null) {
                    todo.push(choice.defaultState());
                }
            }
            state.common().catchers().forEach(c -> todo.push(c.next()));
        }
        for (String name : parsed.keySet()) {
            if (!seen.contains(name)) {
                problem(
                        "MISSING_TRANSITION_TARGET",
                        "State \"" + name + "\" is not reachable.",
                        at + "/States/" + name);
            }
        }
    }

    private QueryLanguage language(JsonNode node, String at, QueryLanguage inherited) {
        String value = node.asText();
        QueryLanguage language;
        if ("JSONPath".equals(value)) {
            language = QueryLanguage.JSONPATH;
        } else if ("JSONata".equals(value)) {
            language = QueryLanguage.JSONATA;
        } else {
            problem("SCHEMA_VALIDATION_FAILED", "QueryLanguage must be JSONPath or JSONata", at);
            return inherited;
        }
        if (inherited == QueryLanguage.JSONATA && language == QueryLanguage.JSONPATH) {
            problem(
                    "SCHEMA_VALIDATION_FAILED",
                    "A state cannot use JSONPath when the state machine's QueryLanguage is JSONata",
                    at);
        }
        return language;
    }

    private State state(String name, JsonNode node, String at, QueryLanguage inherited) {
        if (!node.isObject()) {
            problem("SCHEMA_VALIDATION_FAILED", "A state must be an object", at);
            return null;
        }
        String type = node.path("Type").asText(null);
        if (type == null || !FIELDS.containsKey(type)) {
            problem(
                    "SCHEMA_VALIDATION_FAILED",
                    "The field \"Type\" must be one of "
                            + FIELDS.keySet().stream().sorted().toList(),
                    at + "/Type");
            return null;
        }
        QueryLanguage language = node.has("QueryLanguage")
                ? language(node.get("QueryLanguage"), at + "/QueryLanguage", inherited)
                : inherited;
        Set<String> allowed = FIELDS.get(type);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!COMMON_FIELDS.contains(field) && !allowed.contains(field)) {
                problem(
                        "SCHEMA_VALIDATION_FAILED",
                        "Field \"" + field + "\" is not supported for state type " + type,
                        at);
            } else if (language == QueryLanguage.JSONATA && JSONPATH_ONLY.contains(field)) {
                problem(
                        "SCHEMA_VALIDATION_FAILED",
                        "The field '" + field + "' is not supported when the QueryLanguage is JSONata",
                        at + "/" + field);
            } else if (language == QueryLanguage.JSONPATH && JSONATA_ONLY.contains(field)) {
                problem(
                        "SCHEMA_VALIDATION_FAILED",
                        "The field '" + field + "' is supported only when the QueryLanguage is JSONata",
                        at + "/" + field);
            }
        }
        boolean terminalType = Set.of("Choice", "Succeed", "Fail").contains(type);
        String next = text(node, "Next", at);
        boolean end = node.path("End").asBoolean(false);
        if (!terminalType) {
            if (next == null && !end) {
                problem("SCHEMA_VALIDATION_FAILED", "The field \"Next\" or \"End\" is required", at);
            } else if (next != null && end) {
                problem("SCHEMA_VALIDATION_FAILED", "Only one of \"Next\" or \"End\" can be present", at);
            }
        }
        Common common = new Common(
                name,
                type,
                language,
                next,
                end,
                path(node, "InputPath", at, false),
                path(node, "OutputPath", at, false),
                template(node, "Parameters", at),
                template(node, "ResultSelector", at),
                path(node, "ResultPath", at, true),
                node.get("Arguments"),
                node.get("Output"),
                assign(node, at),
                retriers(node.get("Retry"), at + "/Retry"),
                catchers(node.get("Catch"), at + "/Catch", language));
        return switch (type) {
            case "Pass" -> new PassState(common, node.get("Result"));
            case "Task" -> task(common, node, at);
            case "Choice" -> choice(common, node, at);
            case "Wait" -> waitState(common, node, at);
            case "Succeed" -> new SucceedState(common);
            case "Fail" -> fail(common, node, at);
            case "Parallel" -> parallel(common, node, at, language);
            case "Map" -> map(common, node, at, language);
            default -> throw new IllegalStateException(type);
        };
    }

    private TaskState task(Common common, JsonNode node, String at) {
        String resource = text(node, "Resource", at);
        if (resource == null) {
            problem("SCHEMA_VALIDATION_FAILED", "The field \"Resource\" is required", at);
        } else if (!resource.startsWith("arn:")) {
            problem("INVALID_RESOURCE", "Invalid resource: " + resource, at + "/Resource");
        }
        exclusive(node, at, "TimeoutSeconds", "TimeoutSecondsPath");
        exclusive(node, at, "HeartbeatSeconds", "HeartbeatSecondsPath");
        positiveOrExpression(node, "TimeoutSeconds", at, common.jsonata());
        positiveOrExpression(node, "HeartbeatSeconds", at, common.jsonata());
        if (node.path("HeartbeatSeconds").isIntegralNumber()
                && node.path("TimeoutSeconds").isIntegralNumber()
                && node.get("HeartbeatSeconds").asLong()
                        >= node.get("TimeoutSeconds").asLong()) {
            problem(
                    "SCHEMA_VALIDATION_FAILED",
                    "HeartbeatSeconds must be smaller than TimeoutSeconds",
                    at + "/HeartbeatSeconds");
        }
        return new TaskState(
                common,
                resource,
                node.get("TimeoutSeconds"),
                path(node, "TimeoutSecondsPath", at, false),
                node.get("HeartbeatSeconds"),
                path(node, "HeartbeatSecondsPath", at, false));
    }

    private void positiveOrExpression(JsonNode node, String field, String at, boolean jsonata) {
        JsonNode value = node.get(field);
        if (value == null) {
            return;
        }
        if (jsonata && value.isTextual() && Jsonata.isExpression(value.asText())) {
            return;
        }
        if (!value.isIntegralNumber() || value.asLong() <= 0 || value.asLong() > 99_999_999L) {
            problem("SCHEMA_VALIDATION_FAILED", field + " must be a positive integer", at + "/" + field);
        }
    }

    private ChoiceState choice(Common common, JsonNode node, String at) {
        JsonNode choices = node.get("Choices");
        List<ChoiceRule> rules = new ArrayList<>();
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            problem("SCHEMA_VALIDATION_FAILED", "The field \"Choices\" is required and must be a non-empty array", at);
        } else {
            for (int i = 0; i < choices.size(); i++) {
                JsonNode rule = choices.get(i);
                String ruleAt = at + "/Choices/" + i;
                String next = text(rule, "Next", ruleAt);
                if (next == null) {
                    problem("SCHEMA_VALIDATION_FAILED", "The field \"Next\" is required", ruleAt);
                }
                if (common.jsonata()) {
                    if (!rule.has("Condition")) {
                        problem("SCHEMA_VALIDATION_FAILED", "The field \"Condition\" is required", ruleAt);
                    }
                } else {
                    rule(rule, ruleAt, true);
                }
                rules.add(new ChoiceRule(rule, next, rule.get("Output"), rule.get("Assign")));
            }
        }
        return new ChoiceState(common, List.copyOf(rules), text(node, "Default", at));
    }

    private void rule(JsonNode rule, String at, boolean top) {
        if (!rule.isObject()) {
            problem("SCHEMA_VALIDATION_FAILED", "A choice rule must be an object", at);
            return;
        }
        List<String> operators = new ArrayList<>();
        for (Iterator<String> it = rule.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (CHOICE_OPERATORS.contains(field) || Set.of("And", "Or", "Not").contains(field)) {
                operators.add(field);
            } else if (!Set.of("Variable", "Comment").contains(field)
                    && !(top && Set.of("Next", "Assign").contains(field))) {
                problem("SCHEMA_VALIDATION_FAILED", "Field \"" + field + "\" is not supported in a choice rule", at);
            }
        }
        if (operators.size() != 1) {
            problem(
                    "SCHEMA_VALIDATION_FAILED",
                    "A choice rule must have exactly one comparison operator or And/Or/Not",
                    at);
            return;
        }
        String op = operators.getFirst();
        JsonNode value = rule.get(op);
        switch (op) {
            case "And", "Or" -> {
                if (!value.isArray() || value.isEmpty()) {
                    problem("SCHEMA_VALIDATION_FAILED", op + " must be a non-empty array", at + "/" + op);
                } else {
                    for (int i = 0; i < value.size(); i++) {
                        rule(value.get(i), at + "/" + op + "/" + i, false);
                    }
                }
            }
            case "Not" -> rule(value, at + "/Not", false);
            default -> {
                String variable = rule.path("Variable").asText(null);
                if (variable == null || !JsonPaths.isValid(variable) && !variable.startsWith("$")) {
                    problem("SCHEMA_VALIDATION_FAILED", "The field \"Variable\" must be a valid JSONPath", at);
                }
                if (op.endsWith("Path")
                        && (!value.isTextual() || !value.asText().startsWith("$"))) {
                    problem("SCHEMA_VALIDATION_FAILED", op + " must be a JSONPath", at + "/" + op);
                } else if (op.startsWith("Is") || op.startsWith("Boolean")) {
                    if (!op.endsWith("Path") && !value.isBoolean()) {
                        problem("SCHEMA_VALIDATION_FAILED", op + " must be a boolean", at + "/" + op);
                    }
                } else if (op.startsWith("Numeric") && !op.endsWith("Path") && !value.isNumber()) {
                    problem("SCHEMA_VALIDATION_FAILED", op + " must be a number", at + "/" + op);
                } else if ((op.startsWith("String") || op.startsWith("Timestamp"))
                        && !op.endsWith("Path")
                        && !value.isTextual()) {
                    problem("SCHEMA_VALIDATION_FAILED", op + " must be a string", at + "/" + op);
                }
            }
        }
    }

    private WaitState waitState(Common common, JsonNode node, String at) {
        int count = 0;
        for (String field : List.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath")) {
            if (node.has(field)) {
                count++;
            }
        }
        if (count != 1) {
            problem(
                    "SCHEMA_VALIDATION_FAILED",
                    "Exactly one of Seconds, Timestamp, SecondsPath or TimestampPath is required",
                    at);
        }
        if (!common.jsonata()
                && node.has("Seconds")
                && (!node.get("Seconds").isIntegralNumber()
                        || node.get("Seconds").asLong() < 0)) {
            problem("SCHEMA_VALIDATION_FAILED", "Seconds must be a non-negative integer", at + "/Seconds");
        }
        if (!common.jsonata()
                && node.has("Timestamp")
                && Timestamps.parse(node.get("Timestamp").asText()) == null) {
            problem("SCHEMA_VALIDATION_FAILED", "Timestamp must be an ISO-8601 timestamp", at + "/Timestamp");
        }
        return new WaitState(
                common,
                node.get("Seconds"),
                node.get("Timestamp"),
                path(node, "SecondsPath", at, false),
                path(node, "TimestampPath", at, false));
    }

    private FailState fail(Common common, JsonNode node, String at) {
        exclusive(node, at, "Error", "ErrorPath");
        exclusive(node, at, "Cause", "CausePath");
        return new FailState(
                common,
                node.get("Error"),
                node.get("Cause"),
                dynamicPath(node, "ErrorPath", at),
                dynamicPath(node, "CausePath", at));
    }

    private ParallelState parallel(Common common, JsonNode node, String at, QueryLanguage language) {
        JsonNode branches = node.get("Branches");
        List<Definition> parsed = new ArrayList<>();
        if (branches == null || !branches.isArray() || branches.isEmpty()) {
            problem("SCHEMA_VALIDATION_FAILED", "The field \"Branches\" is required and must be a non-empty array", at);
        } else {
            for (int i = 0; i < branches.size(); i++) {
                Definition branch = machine(branches.get(i), at + "/Branches/" + i, language, false);
                if (branch != null) {
                    parsed.add(branch);
                }
            }
        }
        return new ParallelState(common, List.copyOf(parsed));
    }

    private MapState map(Common common, JsonNode node, String at, QueryLanguage language) {
        JsonNode processorNode = node.has("ItemProcessor") ? node.get("ItemProcessor") : node.get("Iterator");
        String processorAt = at + (node.has("ItemProcessor") ? "/ItemProcessor" : "/Iterator");
        Definition processor = null;
        if (processorNode == null) {
            problem("SCHEMA_VALIDATION_FAILED", "The field \"ItemProcessor\" is required", at);
        } else {
            processor = machine(processorNode, processorAt, language, false);
        }
        if (node.has("ItemSelector") && node.has("Parameters")) {
            problem("SCHEMA_VALIDATION_FAILED", "Only one of ItemSelector or Parameters can be present", at);
        }
        if (node.has("ItemReader") || node.has("ResultWriter") || node.has("ItemBatcher")) {
            problem(
                    "SCHEMA_VALIDATION_FAILED",
                    "ItemReader, ResultWriter and ItemBatcher (Distributed Map) are not supported by the local engine",
                    at);
        }
        exclusive(node, at, "MaxConcurrency", "MaxConcurrencyPath");
        exclusive(node, at, "ToleratedFailureCount", "ToleratedFailureCountPath");
        exclusive(node, at, "ToleratedFailurePercentage", "ToleratedFailurePercentagePath");
        JsonNode selector = node.has("ItemSelector") ? node.get("ItemSelector") : common.parameters();
        if (!common.jsonata() && node.has("ItemSelector")) {
            template(node, "ItemSelector", at);
        }
        // In a Map, Parameters is the legacy name of ItemSelector; it is not applied to the Map's own input.
        Common withoutParameters = new Common(
                common.name(),
                common.type(),
                common.queryLanguage(),
                common.next(),
                common.end(),
                common.inputPath(),
                common.outputPath(),
                null,
                common.resultSelector(),
                common.resultPath(),
                common.arguments(),
                common.output(),
                common.assign(),
                common.retry(),
                common.catchers());
        return new MapState(
                withoutParameters,
                processor,
                path(node, "ItemsPath", at, false),
                node.get("Items"),
                selector,
                node.get("MaxConcurrency"),
                path(node, "MaxConcurrencyPath", at, false),
                node.get("ToleratedFailureCount"),
                path(node, "ToleratedFailureCountPath", at, false),
                node.get("ToleratedFailurePercentage"),
                path(node, "ToleratedFailurePercentagePath", at, false));
    }

    private List<Retrier> retriers(JsonNode node, String at) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            problem("SCHEMA_VALIDATION_FAILED", "Retry must be an array", at);
            return List.of();
        }
        List<Retrier> retriers = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode r = node.get(i);
            String rAt = at + "/" + i;
            List<String> errors = errorEquals(r, rAt, i == node.size() - 1);
            double interval = r.path("IntervalSeconds").asDouble(1);
            int maxAttempts = r.path("MaxAttempts").asInt(3);
            double backoff = r.path("BackoffRate").asDouble(2.0);
            if (r.has("IntervalSeconds") && (!r.get("IntervalSeconds").isIntegralNumber() || interval < 1)) {
                problem(
                        "SCHEMA_VALIDATION_FAILED",
                        "IntervalSeconds must be a positive integer",
                        rAt + "/IntervalSeconds");
            }
            if (maxAttempts < 0) {
                problem("SCHEMA_VALIDATION_FAILED", "MaxAttempts must be a non-negative integer", rAt + "/MaxAttempts");
            }
            if (backoff < 1.0) {
                problem(
                        "SCHEMA_VALIDATION_FAILED",
                        "BackoffRate must be greater than or equal to 1.0",
                        rAt + "/BackoffRate");
            }
            String jitter = r.path("JitterStrategy").asText("NONE");
            if (!Set.of("NONE", "FULL").contains(jitter)) {
                problem("SCHEMA_VALIDATION_FAILED", "JitterStrategy must be FULL or NONE", rAt + "/JitterStrategy");
            }
            Integer maxDelay =
                    r.has("MaxDelaySeconds") ? r.get("MaxDelaySeconds").asInt() : null;
            retriers.add(new Retrier(errors, interval, maxAttempts, backoff, maxDelay, "FULL".equals(jitter)));
        }
        return List.copyOf(retriers);
    }

    private List<Catcher> catchers(JsonNode node, String at, QueryLanguage language) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            problem("SCHEMA_VALIDATION_FAILED", "Catch must be an array", at);
            return List.of();
        }
        List<Catcher> catchers = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode c = node.get(i);
            String cAt = at + "/" + i;
            List<String> errors = errorEquals(c, cAt, i == node.size() - 1);
            String next = text(c, "Next", cAt);
            if (next == null) {
                problem("SCHEMA_VALIDATION_FAILED", "The field \"Next\" is required", cAt);
            }
            String resultPath = language == QueryLanguage.JSONPATH ? path(c, "ResultPath", cAt, true) : "$";
            catchers.add(new Catcher(errors, resultPath, next, c.get("Output"), c.get("Assign")));
        }
        return List.copyOf(catchers);
    }

    private List<String> errorEquals(JsonNode node, String at, boolean last) {
        JsonNode errors = node.get("ErrorEquals");
        if (errors == null || !errors.isArray() || errors.isEmpty()) {
            problem(
                    "SCHEMA_VALIDATION_FAILED",
                    "The field \"ErrorEquals\" is required and must be a non-empty array",
                    at);
            return List.of();
        }
        List<String> names = new ArrayList<>();
        errors.forEach(e -> names.add(e.asText()));
        if (names.contains(StatesError.Errors.ALL) && (names.size() > 1 || !last)) {
            problem(
                    "SCHEMA_VALIDATION_FAILED",
                    "States.ALL must appear alone in ErrorEquals and only in the last Retrier or Catcher",
                    at + "/ErrorEquals");
        }
        return List.copyOf(names);
    }

    private JsonNode assign(JsonNode node, String at) {
        JsonNode assign = node.get("Assign");
        if (assign != null && !assign.isObject()) {
            problem("SCHEMA_VALIDATION_FAILED", "Assign must be an object", at + "/Assign");
        }
        return assign;
    }

    private JsonNode template(JsonNode node, String field, String at) {
        JsonNode template = node.get(field);
        if (template != null) {
            checkTemplate(template, at + "/" + field);
        }
        return template;
    }

    private void checkTemplate(JsonNode template, String at) {
        if (template.isObject()) {
            for (Map.Entry<String, JsonNode> entry : template.properties()) {
                String key = entry.getKey();
                JsonNode value = entry.getValue();
                if (key.endsWith(".$")) {
                    if (!value.isTextual()) {
                        problem(
                                "SCHEMA_VALIDATION_FAILED",
                                "The value for the field '" + key + "' must be a STRING",
                                at + "/" + key);
                    } else if (!isDynamic(value.asText())) {
                        problem(
                                "SCHEMA_VALIDATION_FAILED",
                                "The value for the field '" + key
                                        + "' must be a valid JSONPath or a valid intrinsic function call",
                                at + "/" + key);
                    }
                } else {
                    checkTemplate(value, at + "/" + key);
                }
            }
        } else if (template.isArray()) {
            for (int i = 0; i < template.size(); i++) {
                checkTemplate(template.get(i), at + "/" + i);
            }
        }
    }

    private static boolean isDynamic(String value) {
        if (value.startsWith("States.")) {
            try {
                Intrinsics.parse(value);
                return true;
            } catch (StatesError e) {
                return false;
            }
        }
        return value.startsWith("$");
    }

    private String dynamicPath(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual() || !isDynamic(value.asText())) {
            problem(
                    "SCHEMA_VALIDATION_FAILED",
                    "The value for the field '" + field
                            + "' must be a valid JSONPath or a valid intrinsic function call",
                    at + "/" + field);
            return null;
        }
        return value.asText();
    }

    private String path(JsonNode node, String field, String at, boolean reference) {
        if (!node.has(field)) {
            return field.endsWith("Path")
                            && !Set.of("InputPath", "OutputPath", "ResultPath", "ItemsPath")
                                    .contains(field)
                    ? null
                    : "$";
        }
        JsonNode value = node.get(field);
        if (value.isNull()) {
            if (!Set.of("InputPath", "OutputPath", "ResultPath").contains(field)) {
                problem("SCHEMA_VALIDATION_FAILED", field + " cannot be null", at + "/" + field);
            }
            return null;
        }
        String path = value.asText();
        boolean variable = path.startsWith("$")
                && !path.startsWith("$.")
                && !path.startsWith("$[")
                && !path.equals("$")
                && !path.startsWith("$$");
        boolean ok = value.isTextual()
                && (reference
                        ? JsonPaths.isReferencePath(path)
                        : JsonPaths.isValid(path) || path.startsWith("$$") || variable);
        if (!ok) {
            problem(
                    "SCHEMA_VALIDATION_FAILED",
                    "The value for the field '" + field + "' must be a valid "
                            + (reference ? "ReferencePath" : "JSONPath"),
                    at + "/" + field);
        }
        return path;
    }

    private String text(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            problem("SCHEMA_VALIDATION_FAILED", "The field \"" + field + "\" must be a string", at + "/" + field);
            return null;
        }
        return value.asText();
    }

    private void exclusive(JsonNode node, String at, String a, String b) {
        if (node.has(a) && node.has(b)) {
            problem("SCHEMA_VALIDATION_FAILED", "Only one of \"" + a + "\" or \"" + b + "\" can be present", at);
        }
    }

    /** The definition was refused; the message is AWS's InvalidDefinition text. */
    public static final class InvalidDefinitionException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InvalidDefinitionException(String message) {
            super(message, null, false, false);
        }
    }
}
