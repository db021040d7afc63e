package dev.asynccommerce.localstack.deployer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Evaluates the template's Conditions (Fn::Equals, Fn::And, Fn::Or, Fn::Not, Condition), once each. */
public final class Conditions {
    private final Template template;
    private final Intrinsics intrinsics;
    private final Map<String, Boolean> evaluated = new HashMap<>();
    private final Set<String> evaluating = new HashSet<>();

    Conditions(Template template, Intrinsics intrinsics) {
        this.template = template;
        this.intrinsics = intrinsics;
    }

    /** Whether the named condition holds. */
    public boolean holds(String name, String where) {
        Boolean known = evaluated.get(name);
        if (known != null) {
            return known;
        }
        JsonNode definition = template.conditions().get(name);
        if (definition == null) {
            throw DeploymentException.at(where, "condition " + name + " is not defined");
        }
        if (!evaluating.add(name)) {
            throw DeploymentException.at(where, "condition " + name + " refers to itself");
        }
        boolean result = evaluate(definition, "Conditions." + name);
        evaluating.remove(name);
        evaluated.put(name, result);
        return result;
    }

    boolean evaluate(JsonNode expression, String where) {
        if (expression.isBoolean()) {
            return expression.asBoolean();
        }
        if (!expression.isObject() || expression.size() != 1) {
            throw DeploymentException.at(where, "a condition must be one condition function, got " + expression);
        }
        String function = expression.fieldNames().next();
        JsonNode args = expression.get(function);
        return switch (function) {
            case "Fn::Equals" ->
                intrinsics
                        .resolve(args.path(0), where)
                        .asText()
                        .equals(intrinsics.resolve(args.path(1), where).asText());
            case "Fn::And" -> {
                boolean all = true;
                for (JsonNode a : args) {
                    all &= evaluate(a, where);
                }
                yield all;
            }
            case "Fn::Or" -> {
                boolean any = false;
                for (JsonNode a : args) {
                    any |= evaluate(a, where);
                }
                yield any;
            }
            case "Fn::Not" -> !evaluate(args.path(0), where);
            case "Condition" -> holds(args.asText(), where);
            default -> throw DeploymentException.at(where, function + " is not a condition function");
        };
    }
}
