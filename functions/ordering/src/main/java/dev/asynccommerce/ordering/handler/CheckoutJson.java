package dev.asynccommerce.ordering.handler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.kernel.CustomerId;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.ordering.application.CheckoutForm;
import dev.asynccommerce.ordering.domain.CustomerContact;
import dev.asynccommerce.ordering.domain.Order;
import dev.asynccommerce.ordering.domain.OrderLine;
import dev.asynccommerce.ordering.domain.PaymentMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the {@code POST /orders} body of the public API into a {@link CheckoutForm}. */
final class CheckoutJson {
    private CheckoutJson() {}

    static CheckoutForm read(JsonNode body) {
        RequestFields fields = new RequestFields();
        fields.refuseUnknown(body, "", Set.of("customer", "lines", "fulfillment", "payment"));

        CustomerId customerId = null;
        CustomerContact contact = null;
        JsonNode customer = fields.object(body, "customer", "customer", Set.of("customerId", "email"));
        if (customer != null) {
            String id = fields.string(customer, "customerId", "customer.customerId");
            if (id != null && !CustomerId.isValid(id)) {
                fields.invalid(
                        "customer.customerId",
                        "must be 1-64 letters, digits or _ . : - (an id, not an e-mail address)");
            } else if (id != null) {
                customerId = new CustomerId(id);
            }
            String email = fields.string(customer, "email", "customer.email");
            if (email != null && !CustomerContact.isValidEmail(email)) {
                fields.invalid("customer.email", "must be an e-mail address");
            } else if (email != null) {
                contact = new CustomerContact(email);
            }
        }

        List<CheckoutForm.Line> lines = lines(body, fields);

        StoreId storeId = null;
        JsonNode fulfillment = fields.object(body, "fulfillment", "fulfillment", Set.of("type", "storeId"));
        if (fulfillment != null) {
            String type = fields.string(fulfillment, "type", "fulfillment.type");
            if (type != null && !type.equals("PICKUP")) {
                fields.invalid("fulfillment.type", "must be PICKUP (the only fulfillment offered)");
            }
            String store = fields.string(fulfillment, "storeId", "fulfillment.storeId");
            if (store != null && !StoreId.isValid(store)) {
                fields.invalid("fulfillment.storeId", "is not a store id");
            } else if (store != null) {
                storeId = new StoreId(store);
            }
        }

        List<PaymentMethod> methods = List.of();
        JsonNode payment = fields.object(body, "payment", "payment", Set.of("methods"));
        if (payment != null) {
            methods = fields.paymentMethods(payment, "methods", "payment.methods");
        }
        return new CheckoutForm(customerId, contact, storeId, lines, methods, fields.invalidFields());
    }

    private static List<CheckoutForm.Line> lines(JsonNode body, RequestFields fields) {
        List<CheckoutForm.Line> lines = new ArrayList<>();
        JsonNode array = fields.array(body, "lines", "lines", 1, Order.MAX_LINES);
        if (array == null) {
            return lines;
        }
        Map<String, Integer> firstIndexOfSku = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            String at = "lines[" + i + "]";
            JsonNode line = array.get(i);
            if (!line.isObject()) {
                fields.invalid(at, "must be an object");
                continue;
            }
            fields.refuseUnknown(line, at, Set.of("sku", "quantity"));
            String sku = fields.string(line, "sku", at + ".sku");
            Integer quantity = fields.integer(line, "quantity", at + ".quantity", 1, OrderLine.MAX_QUANTITY);
            if (sku != null && !Sku.isValid(sku)) {
                fields.invalid(at + ".sku", "is not a SKU");
                sku = null;
            }
            if (sku != null && firstIndexOfSku.putIfAbsent(sku, i) != null) {
                fields.invalid(
                        at + ".sku", "repeats lines[" + firstIndexOfSku.get(sku) + "]; put the quantity on one line");
                sku = null;
            }
            lines.add(new CheckoutForm.Line(i, sku == null ? null : new Sku(sku), quantity == null ? 0 : quantity));
        }
        return lines;
    }
}
