package dev.asynccommerce.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads typed fields out of a JSON object, noting every field that is missing, of the wrong type or
 * out of range instead of stopping at the first, so that one answer names them all. Messages name
 * fields and rules, never the values found (they may be secrets: tokens, pickup codes).
 *
 * <p>A context extends it with the readers of its own values (lines, payment methods) and answers
 * {@link #errors()} with {@link Problem#validation(List)}.
 */
public class FieldReader {
    private final List<FieldError> errors = new ArrayList<>();

    /** Every field noted so far, in the order found. */
    public final List<FieldError> errors() {
        return List.copyOf(errors);
    }

    public final boolean valid() {
        return errors.isEmpty();
    }

    /** Notes {@code field} (a path such as {@code lines[0].sku}) as invalid for {@code message}. */
    public final void invalid(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /**
     * Notes every member of {@code node} that is not {@code allowed}: a typo, most likely. {@code
     * path} is where {@code node} is, empty for the body itself.
     */
    public final void refuseUnknown(JsonNode node, String path, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                invalid(path.isEmpty() ? name : path + "." + name, "is not a known field");
            }
        }
    }

    /** The non-blank string at {@code name}, or null (noted at {@code path}). */
    public final String string(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            invalid(path, "is required");
            return null;
        }
        if (!node.isTextual()) {
            invalid(path, "must be a string");
            return null;
        }
        if (node.asText().isBlank()) {
            invalid(path, "must not be blank");
            return null;
        }
        return node.asText();
    }
}
