package dev.asynccommerce.notifications.domain;

import dev.asynccommerce.kernel.CustomerId;
import java.util.Objects;

/** Who placed an order and where to write to them, as the order item keeps it. */
public record CustomerContact(CustomerId customerId, EmailAddress email) {
    public CustomerContact {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(email, "email");
    }
}
