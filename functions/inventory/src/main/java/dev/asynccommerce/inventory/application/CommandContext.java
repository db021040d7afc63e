package dev.asynccommerce.inventory.application;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who asked for a change, carried into the events it causes: the business flow's correlation id,
 * the id of the request or event that caused it, and the X-Ray trace header (or null).
 */
public record CommandContext(String correlationId, String causationId, String traceHeader) {
    private static final Pattern ID = Pattern.compile("[\\x21-\\x7E]{1,128}");

    public CommandContext {
        if (!isValidId(correlationId) || !isValidId(causationId)) {
            throw new IllegalArgumentException(
                    "correlation and causation ids are 1 to 128 printable ASCII characters without spaces");
        }
    }

    /** A change inventory makes of its own accord (seeding, booking a delivery from a tool). */
    public static CommandContext internal(String operation) {
        return new CommandContext(operation, operation, null);
    }

    /** Whether {@code value} can be a correlation or causation id (the events' envelope pattern). */
    public static boolean isValidId(String value) {
        return value != null && ID.matcher(value).matches();
    }

    /** Same context, caused by something else. */
    public CommandContext causedBy(String causation) {
        return new CommandContext(correlationId, Objects.requireNonNull(causation, "causation"), traceHeader);
    }
}
