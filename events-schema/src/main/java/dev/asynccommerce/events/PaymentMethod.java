package dev.asynccommerce.events;

import java.util.Objects;

/**
 * One way to pay: its kind ({@code CARD} or {@code WALLET}) and the payment provider's token for
 * it. The token is never a card number (the schema refuses 12 to 19 digits); it is still a
 * credential for the provider, so {@link #toString()} does not print it.
 *
 * <p>Its schema is {@code common.schema.json#/$defs/paymentMethod}.
 */
public record PaymentMethod(String type, String token) {

    public PaymentMethod {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(token, "token");
    }

    @Override
    public String toString() {
        return "PaymentMethod[type=" + type + ", token=(redacted)]";
    }
}
