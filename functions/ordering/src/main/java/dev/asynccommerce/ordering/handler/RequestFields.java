package dev.asynccommerce.ordering.handler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.ordering.application.InvalidField;
import dev.asynccommerce.ordering.domain.Order;
import dev.asynccommerce.ordering.domain.PaymentMethod;
import dev.asynccommerce.platform.http.FieldReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Platform's {@link FieldReader} with the fields of ordering's requests: objects, arrays, bounded
 * whole numbers and payment methods. The checkout form carries the notes as the application's
 * {@link InvalidField}s.
 */
final class RequestFields extends FieldReader {

    /** Every field noted so far, for the use cases. */
    List<InvalidField> invalidFields() {
        return errors().stream()
                .map(e -> new InvalidField(e.field(), e.message()))
                .toList();
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
