package dev.asynccommerce.kernel;

import java.util.regex.Pattern;

/**
 * The storefront's identifier of a customer: an opaque token, never an e-mail address or name, so
 * it may travel in events and logs.
 */
public record CustomerId(String value) {
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

    public CustomerId {
        Identifiers.require(value, FORMAT, "customer id");
        if (value.contains("@")) {
            throw new IllegalArgumentException("a customer id is not an e-mail address");
        }
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
