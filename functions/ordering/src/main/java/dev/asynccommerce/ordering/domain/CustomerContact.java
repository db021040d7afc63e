package dev.asynccommerce.ordering.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach the customer about this order. Personal data: it stays in the order, never goes
 * into an event or a log line, and {@code toString} masks it.
 */
public record CustomerContact(String email) {
    public static final int MAX_LENGTH = 254;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    public CustomerContact {
        Objects.requireNonNull(email, "email");
        if (!isValidEmail(email)) {
            throw new IllegalArgumentException("not an e-mail address");
        }
    }

    public static boolean isValidEmail(String email) {
        return email != null
                && email.length() <= MAX_LENGTH
                && EMAIL.matcher(email).matches();
    }

    @Override
    public String toString() {
        return "CustomerContact[***]";
    }
}
