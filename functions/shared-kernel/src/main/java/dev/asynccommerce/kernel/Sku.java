package dev.asynccommerce.kernel;

import java.util.regex.Pattern;

/** A stock keeping unit: upper-case letters, digits and dashes, e.g. {@code SKU-0001}. */
public record Sku(String value) implements Comparable<Sku> {
    private static final Pattern FORMAT = Pattern.compile("[A-Z0-9][A-Z0-9-]{0,39}");

    public Sku {
        Identifiers.require(value, FORMAT, "SKU");
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public int compareTo(Sku other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
