package dev.asynccommerce.ordering.handler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.ordering.application.InvalidField;
import dev.asynccommerce.ordering.domain.Order;
import dev.asynccommerce.ordering.domain.PaymentMethod;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads typed fields out of a JSON request, noting every field that is missing, of the wrong type
 * or out of range instead of stopping at the first, so one answer names them all.
 */
final class RequestFields {
    private final List<InvalidField> errors = new ArrayList<>();

    List<InvalidField> errors() {
        return errors;
    }

    void invalid(String field, String message) {
        errors.add(new InvalidField(field, message));
    }

    /** The object at {@code field}, or null (noted) when absent or not an object. */
    JsonNode object(JsonNode parent, String name, String path, Set<String> allowed) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            invalid(path, "is required");
            return null;
        }
        if (!node.isObject()) {
            invalid(path, "must be an object");
            return null;
        }
        refuseUnknown(node, path, allowed);
        return node;
    }

    /** Notes every member of {@code node} that the request does not define: a typo, most likely. */
    void refuseUnknown(JsonNode node, String path, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                invalid(path.isEmpty() ? name : path + "." + name, "is not a known field");
            }
        }
    }

    /** The array at {@code field} with {@code min..max} elements, or null (noted). */
    JsonNode array(JsonNode parent, String name, String path, int min, int max) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            invalid(path, "is required");
            return null;
        }
        if (!node.isArray()) {
            invalid(path, "must be an array");
            return null;
        }
        if (node.size() < min || node.size() > max) {
            invalid(path, "must have " + min + " to " + max + " entries, has " + node.size());
            return null;
        }
        return node;
    }

    /** The string at {@code field}, or null (noted) when absent, not a string or blank. */
    String string(JsonNode parent, String name, String path) {
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

    /** The integer at {@code field} within {@code min..max}, or null (noted). */
    Integer integer(JsonNode parent, String name, String path, int min, int max) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            invalid(path, "is required");
            return null;
        }
        if (!node.isIntegralNumber()) {
            invalid(path, "must be a whole number");
            return null;
        }
        if (!node.canConvertToInt() || node.asInt() < min || node.asInt() > max) {
            invalid(path, "must be between " + min + " and " + max);
            return null;
        }
        return node.asInt();
    }

    /** Payment methods: 1..5 of {@code {"type": "CARD"|"WALLET", "token": "<provider token>"}}. */
    List<PaymentMethod> paymentMethods(JsonNode parent, String name, String path) {
        JsonNode methods = array(parent, name, path, 1, Order.MAX_PAYMENT_METHODS);
        List<PaymentMethod> read = new ArrayList<>();
        if (methods == null) {
            return read;
        }
        for (int i = 0; i < methods.size(); i++) {
            String at = path + "[" + i + "]";
            JsonNode method = methods.get(i);
            if (!method.isObject()) {
                invalid(at, "must be an object");
                continue;
            }
            refuseUnknown(method, at, Set.of("type", "token"));
            String type = string(method, "type", at + ".type");
            String token = string(method, "token", at + ".token");
            PaymentMethod.Type knownType = null;
            if (type != null) {
                try {
                    knownType = PaymentMethod.Type.valueOf(type.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    invalid(at + ".type", "must be CARD or WALLET");
                }
            }
            if (token != null && !PaymentMethod.isValidToken(token)) {
                invalid(
                        at + ".token",
                        "must be a payment provider token (letters, digits, _ and -), never a card number");
                token = null;
            }
            if (knownType != null && token != null) {
                read.add(new PaymentMethod(knownType, token));
            }
        }
        return read;
    }
}
