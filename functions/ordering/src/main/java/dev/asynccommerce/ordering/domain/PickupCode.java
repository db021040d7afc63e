package dev.asynccommerce.ordering.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;

/** The six digits a customer shows at the store to collect an order. Kept out of {@code toString}. */
public record PickupCode(String value) {
    private static final Pattern FORMAT = Pattern.compile("[0-9]{6}");

    public PickupCode {
        if (!isValid(value)) {
            throw new IllegalArgumentException("a pickup code is six digits");
        }
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    /** Compares in constant time, so response timing says nothing about how close a guess was. */
    public boolean matches(PickupCode presented) {
        return MessageDigest.isEqual(
                value.getBytes(StandardCharsets.US_ASCII), presented.value.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "PickupCode[******]";
    }
}
