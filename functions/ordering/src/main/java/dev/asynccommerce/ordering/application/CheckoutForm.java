package dev.asynccommerce.ordering.application;

import dev.asynccommerce.kernel.CustomerId;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.ordering.domain.CustomerContact;
import dev.asynccommerce.ordering.domain.PaymentMethod;
import java.util.List;

/**
 * A checkout request as read from the wire: every field that could be read is typed, every field
 * that could not is listed in {@code errors} and left null. Checkout adds what only the catalog can
 * tell (unknown SKUs and stores), so the customer hears about every bad field at once.
 */
public record CheckoutForm(
        CustomerId customerId,
        CustomerContact contact,
        StoreId storeId,
        List<Line> lines,
        List<PaymentMethod> paymentMethods,
        List<InvalidField> errors) {

    public CheckoutForm {
        lines = List.copyOf(lines);
        paymentMethods = List.copyOf(paymentMethods);
        errors = List.copyOf(errors);
    }

    /** Line {@code index} of the request; {@code sku} is null when it could not be read. */
    public record Line(int index, Sku sku, int quantity) {}
}
