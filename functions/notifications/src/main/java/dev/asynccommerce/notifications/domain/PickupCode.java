package dev.asynccommerce.notifications.domain;

import java.util.regex.Pattern;

/** The six digits the customer shows at the store. Goes into the customer's message only: never logged. */
public record PickupCode(String value) {
    private static final Pattern FORMAT = Pattern.compile("[0-9]{6}");

    public PickupCode {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("a pickup code is six digits");
        }
    }

    @Override
    public String toString() {
        return "PickupCode[******]";
    }
}
