package dev.asynccommerce.localstack.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.event.ruler.JsonRuleCompiler;
import software.amazon.event.ruler.Machine;

/**
 * A rule's or archive's event pattern, compiled by AWS's own matcher (event-ruler), so prefix,
 * suffix, anything-but, numeric, exists, wildcard, equals-ignore-case and {@code $or} behave as in
 * AWS. Immutable once compiled; matching is safe from several threads.
 */
final class EventPattern {
    private static final String RULE = "pattern";

    private final String text;
    private final Machine machine;

    private EventPattern(String text, Machine machine) {
        this.text = text;
        this.machine = machine;
    }

    /** Compiles {@code text}, refusing what AWS refuses with InvalidEventPatternException. */
    static EventPattern compile(String text) {
        JsonNode parsed = Json.parseOrNull(text);
        if (parsed == null) {
            throw invalid("Event pattern is not valid JSON.");
        }
        if (!parsed.isObject()) {
            throw invalid("Event pattern must be a JSON object.");
        }
        if (parsed.isEmpty()) {
            throw invalid("Empty event pattern.");
        }
        String error = JsonRuleCompiler.check(text);
        if (error != null) {
            throw invalid(error);
        }
        Machine machine = Machine.builder().build();
        try {
            machine.addRule(RULE, text);
        } catch (Exception e) {
            throw invalid(e.getMessage());
        }
        return new EventPattern(text, machine);
    }

    private static ApiException invalid(String reason) {
        return new ApiException("InvalidEventPatternException", "Event pattern is not valid. Reason: " + reason);
    }

    boolean matches(String eventJson) {
        try {
            return !machine.rulesForJSONEvent(eventJson).isEmpty();
        } catch (Exception e) {
            // An event the matcher cannot read matches nothing, as an unroutable event in AWS.
            return false;
        }
    }

    String text() {
        return text;
    }
}
