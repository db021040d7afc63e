package dev.asynccommerce.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an ASL definition and lists the AWS integrations its Task states use, with the
 * DefinitionSubstitutions key ({@code ${Name}}) each one targets, so the state machine's role can be
 * granted exactly those — including Task states inside Parallel branches and Map processors.
 *
 * <p>A Task whose target is not a substitution, or whose integration this list does not know, is
 * refused with the state's name: the role is never widened by guesswork.
 */
public final class AslIntegrations {
    private static final Pattern SUBSTITUTION = Pattern.compile("^\\$\\{([A-Za-z0-9_]+)}$");

    /** One use of a service by a Task state. */
    public record Use(String state, Kind kind, String target, String action) {}

    public enum Kind {
        LAMBDA,
        SQS,
        EVENTS,
        DYNAMODB
    }

    private AslIntegrations() {}

    public static List<Use> of(Path definition) {
        try {
            return of(new ObjectMapper().readTree(definition.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + definition, e);
        }
    }

    public static List<Use> of(JsonNode definition) {
        List<Use> uses = new ArrayList<>();
        collect(definition.path("States"), uses);
        return uses;
    }

    private static void collect(JsonNode states, List<Use> uses) {
        for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode state = entry.getValue();
            switch (state.path("Type").asText()) {
                case "Task" -> uses.add(use(entry.getKey(), state));
                case "Parallel" -> state.path("Branches").forEach(b -> collect(b.path("States"), uses));
                case "Map" -> {
                    JsonNode processor =
                            state.has("ItemProcessor") ? state.get("ItemProcessor") : state.path("Iterator");
                    collect(processor.path("States"), uses);
                }
                default -> {}
            }
        }
    }

    private static Use use(String name, JsonNode state) {
        String resource = state.path("Resource").asText();
        // JSONPath states pass "Parameters"; JSONata states pass "Arguments".
        JsonNode args = state.has("Arguments") ? state.get("Arguments") : state.path("Parameters");
        Matcher bare = SUBSTITUTION.matcher(resource);
        if (bare.matches()) {
            return new Use(name, Kind.LAMBDA, bare.group(1), "lambda:InvokeFunction");
        }
        String integration =
                resource.replaceFirst("^arn:aws:states:::", "").replaceFirst("\\.(waitForTaskToken|sync:2|sync)$", "");
        return switch (integration) {
            case "lambda:invoke" ->
                new Use(name, Kind.LAMBDA, target(name, args, "FunctionName"), "lambda:InvokeFunction");
            case "sqs:sendMessage" -> new Use(name, Kind.SQS, target(name, args, "QueueUrl"), "sqs:SendMessage");
            case "events:putEvents" ->
                new Use(
                        name,
                        Kind.EVENTS,
                        target(name, args.path("Entries").path(0), "EventBusName"),
                        "events:PutEvents");
            case "dynamodb:getItem", "dynamodb:putItem", "dynamodb:updateItem", "dynamodb:deleteItem" ->
                new Use(
                        name,
                        Kind.DYNAMODB,
                        target(name, args, "TableName"),
                        "dynamodb:" + Character.toUpperCase(integration.charAt(9)) + integration.substring(10));
            default ->
                throw new IllegalArgumentException(
                        "state '" + name + "' uses " + resource + ", an integration the stack does not grant");
        };
    }

    private static String target(String state, JsonNode args, String field) {
        String value = args.path(field).asText("");
        Matcher m = SUBSTITUTION.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("state '" + state + "' must name its " + field
                    + " as a ${Substitution} (no ARN written by hand in ASL), found '" + value + "'");
        }
        return m.group(1);
    }
}
