package dev.asynccommerce.platform.aws;

import java.util.Map;

/** Reads a function's configuration from its environment, once, at composition time. */
public record Environment(Map<String, String> variables) {

    public static Environment system() {
        return new Environment(System.getenv());
    }

    /** The value, or a failure naming the missing variable: a deployment error, not a user error. */
    public String require(String name) {
        String value = variables.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }

    public String getOrDefault(String name, String fallback) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
