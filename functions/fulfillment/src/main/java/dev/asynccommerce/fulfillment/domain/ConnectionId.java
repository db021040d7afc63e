package dev.asynccommerce.fulfillment.domain;

import java.util.regex.Pattern;

/**
 * API Gateway's id of one open WebSocket connection (e.g. {@code L0SM9cOFvHcCIhw=}): the address a
 * push is sent to. Opaque to us; bounded and limited to the characters API Gateway uses, so it is
 * safe in a key and a log line.
 */
public record ConnectionId(String value) {
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9+/=_-]{1,128}");

    public ConnectionId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a valid connection id");
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
