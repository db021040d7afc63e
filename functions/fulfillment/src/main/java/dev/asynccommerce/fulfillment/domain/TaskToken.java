package dev.asynccommerce.fulfillment.domain;

/**
 * The workflow's callback token for one waiting step: whoever holds it can complete the step, so it
 * is opaque to us, bounded, and never written to a log line.
 */
public record TaskToken(String value) {
    /** Step Functions task tokens are at most 1024 characters (SendTaskSuccess, taskToken). */
    public static final int MAX_LENGTH = 1024;

    public TaskToken {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a task token");
        }
    }

    public static boolean isValid(String value) {
        return value != null
                && !value.isBlank()
                && value.length() <= MAX_LENGTH
                && value.chars().noneMatch(Character::isISOControl);
    }

    @Override
    public String toString() {
        return "TaskToken[hidden]";
    }
}
