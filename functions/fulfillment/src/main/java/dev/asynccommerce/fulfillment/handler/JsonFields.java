package dev.asynccommerce.fulfillment.handler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.fulfillment.domain.PickLine;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.platform.http.FieldReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Platform's {@link FieldReader} with the fields of fulfillment's inputs: positive whole numbers,
 * optional booleans and pick lines. Messages name fields and rules, never the values found (they may
 * be secrets: tokens, pickup codes).
 */
final class JsonFields extends FieldReader {

    /** The whole number from 1 to {@link Integer#MAX_VALUE} at {@code name}, or null (noted). */
    Integer positiveInt(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            invalid(path, "is required");
            return null;
        }
        // A string or a fraction is refused, not converted: the caller's contract is a JSON integer.
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1) {
            invalid(path, "must be a whole number from 1 to " + Integer.MAX_VALUE);
            return null;
        }
        return node.asInt();
    }

    /** The boolean at {@code name}; {@code fallback} when absent. */
    boolean optionalBoolean(JsonNode parent, String name, String path, boolean fallback) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            invalid(path, "must be true or false");
            return fallback;
        }
        return node.asBoolean();
    }

    /**
     * Lines {@code [{"sku", "quantity"}]}: {@code 1..max} of them, SKUs well-formed, quantities whole
     * numbers in {@code minQuantity..1000}. Empty (noted) when any is wrong.
     */
    List<PickLine> lines(JsonNode parent, String name, int max, int minQuantity) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            invalid(name, "is required");
            return List.of();
        }
        if (!node.isArray() || node.isEmpty() || node.size() > max) {
            invalid(name, "must be an array of 1 to " + max + " lines");
            return List.of();
        }
        int before = errors().size();
        List<PickLine> lines = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String at = name + "[" + i + "]";
            JsonNode line = node.get(i);
            if (!line.isObject()) {
                invalid(at, "must be an object {\"sku\", \"quantity\"}");
                continue;
            }
            refuseUnknown(line, at, Set.of("sku", "quantity"));
            String sku = string(line, "sku", at + ".sku");
            if (sku != null && !Sku.isValid(sku)) {
                invalid(at + ".sku", "must be a SKU: upper-case letters, digits and dashes, e.g. SKU-0001");
                sku = null;
            }
            Integer quantity = quantity(line.get("quantity"), at + ".quantity", minQuantity);
            if (sku != null && quantity != null) {
                lines.add(new PickLine(new Sku(sku), quantity));
            }
        }
        return errors().size() == before ? lines : List.of();
    }

    private Integer quantity(JsonNode node, String path, int min) {
        if (node == null || node.isNull()) {
            invalid(path, "is required");
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            invalid(path, "must be a whole number");
            return null;
        }
        if (node.asInt() < min || node.asInt() > PickLine.MAX_QUANTITY) {
            invalid(path, "must be between " + min + " and " + PickLine.MAX_QUANTITY);
            return null;
        }
        return node.asInt();
    }
}
