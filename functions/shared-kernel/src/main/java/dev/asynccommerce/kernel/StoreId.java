package dev.asynccommerce.kernel;

import java.util.regex.Pattern;

/** A store: lower-case letters, digits and dashes, e.g. {@code store-001}. */
public record StoreId(String value) {
    private static final Pattern FORMAT = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    public StoreId {
        Identifiers.require(value, FORMAT, "store id");
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
