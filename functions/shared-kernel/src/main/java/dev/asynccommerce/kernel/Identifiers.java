package dev.asynccommerce.kernel;

import java.util.regex.Pattern;

/** Checks shared by the typed identifiers: each is a short, printable, URL-safe string. */
final class Identifiers {
    private Identifiers() {}

    static String require(String value, Pattern pattern, String what) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("not a valid " + what + ": " + printable(value));
        }
        return value;
    }

    /** Bounded and stripped of control characters, so a bad id never floods or forges a log line. */
    private static String printable(String value) {
        if (value == null) {
            return "null";
        }
        String cut = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
