package dev.asynccommerce.notifications.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a customer's e-mail goes. Personal data: it is never logged nor put into an event, and
 * {@code toString} masks it; only {@link #masked()} may be shown to operators.
 */
public record EmailAddress(String value) {
    public static final int MAX_LENGTH = 254;
    private static final Pattern FORMAT = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    public EmailAddress {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException("not an e-mail address");
        }
    }

    public static boolean isValid(String value) {
        return value != null
                && value.length() <= MAX_LENGTH
                && value.chars().noneMatch(Character::isISOControl)
                && FORMAT.matcher(value).matches();
    }

    /** The first character of the local part and the whole domain: {@code a***@example.com}. */
    public String masked() {
        int at = value.indexOf('@');
        return value.charAt(0) + "***" + value.substring(at);
    }

    @Override
    public String toString() {
        return "EmailAddress[" + masked() + "]";
    }
}
