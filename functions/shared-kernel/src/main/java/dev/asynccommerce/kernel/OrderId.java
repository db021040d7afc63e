package dev.asynccommerce.kernel;

import java.util.regex.Pattern;

/** An order: {@code ord_} followed by 26 lower-case base-32 characters (130 random bits). */
public record OrderId(String value) {
    private static final Pattern FORMAT = Pattern.compile("ord_[0-9a-z]{26}");

    public OrderId {
        Identifiers.require(value, FORMAT, "order id");
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
