package dev.asynccommerce.ordering.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A way to pay, as the payment provider's token for it: never a card number. The token is a
 * credential for the provider, so {@link #toString()} leaves it out.
 */
public record PaymentMethod(Type type, String token) {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Pattern LOOKS_LIKE_A_CARD_NUMBER = Pattern.compile("[0-9]{12,19}");

    public enum Type {
        CARD,
        WALLET
    }

    public PaymentMethod {
        Objects.requireNonNull(type, "type");
        if (!isValidToken(token)) {
            throw new IllegalArgumentException("not a payment provider token");
        }
    }

    /** A provider token: short, URL-safe, and not something that could be a card number. */
    public static boolean isValidToken(String token) {
        return token != null
                && TOKEN.matcher(token).matches()
                && !LOOKS_LIKE_A_CARD_NUMBER.matcher(token).matches();
    }

    @Override
    public String toString() {
        return "PaymentMethod[" + type + "]";
    }
}
