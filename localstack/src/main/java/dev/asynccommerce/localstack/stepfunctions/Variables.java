package dev.asynccommerce.localstack.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Workflow variables ({@code Assign}). A Parallel branch or Map iteration reads the variables of
 * the scope around it and assigns into its own, as the developer guide's variable scoping rules say.
 */
final class Variables {
    private final Variables parent;
    private final Map<String, JsonNode> values = new ConcurrentHashMap<>();

    Variables(Variables parent) {
        this.parent = parent;
    }

    JsonNode get(String name) {
        JsonNode value = values.get(name);
        if (value == null && parent != null) {
            return parent.get(name);
        }
        return value;
    }

    void assignAll(Map<String, JsonNode> assigned) {
        values.putAll(assigned);
    }

    /** This scope's own variables, not its parent's (a snapshot). */
    Map<String, JsonNode> own() {
        return new LinkedHashMap<>(values);
    }

    /** Every visible variable, inner scopes winning, for binding into JSONata. */
    Map<String, JsonNode> visible() {
        Map<String, JsonNode> all = parent == null ? new LinkedHashMap<>() : parent.visible();
        all.putAll(values);
        return all;
    }
}
