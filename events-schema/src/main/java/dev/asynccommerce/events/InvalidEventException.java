package dev.asynccommerce.events;

import java.util.List;

/**
 * An event detail that breaks its schema, or cannot be read at all. Permanent: the same input fails
 * the same way, so a consumer should park it (dead-letter queue, with {@link #problems()} as the
 * reason) rather than retry it. A producer that gets one has a bug.
 *
 * <p>The problems name JSON paths and rules, never the values found, so the message is safe to log.
 */
public final class InvalidEventException extends RuntimeException {
    private final String detailType;
    private final List<String> problems;

    public InvalidEventException(String detailType, List<String> problems) {
        super("invalid " + printable(detailType) + " event: " + String.join("; ", problems));
        this.detailType = detailType;
        this.problems = List.copyOf(problems);
    }

    /** The detail-type the event claimed, as given (it may not be one of ours). */
    public String detailType() {
        return detailType;
    }

    public List<String> problems() {
        return problems;
    }

    /** Bounded and free of control characters, so a hostile detail-type cannot forge a log line. */
    private static String printable(String detailType) {
        if (detailType == null) {
            return "(no detail-type)";
        }
        String cut = detailType.length() > 64 ? detailType.substring(0, 64) + "..." : detailType;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
