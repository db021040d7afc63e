package dev.asynccommerce.localstack.eventbridge.delivery;

/**
 * A failed delivery, with the error code AWS writes to the dead-letter queue's {@code ERROR_CODE}
 * attribute ({@code NO_RESOURCE}, {@code THROTTLING}, {@code SDK_CLIENT_ERROR}, ...; see
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html). Retryable failures are
 * retried per the target's RetryPolicy; the others go to the DLQ at once, as AWS does for a missing
 * resource or permission.
 */
public final class DeliveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String errorCode;
    private final boolean retryable;

    private DeliveryException(String errorCode, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
        this.retryable = retryable;
    }

    /** A failure worth retrying (throttling, timeouts, connection failures, 5xx). */
    public static DeliveryException retryable(String errorCode, String message) {
        return new DeliveryException(errorCode, message, true, null);
    }

    /** A failure retrying cannot fix (the target does not exist, a bad parameter). */
    public static DeliveryException permanent(String errorCode, String message) {
        return new DeliveryException(errorCode, message, false, null);
    }

    public static DeliveryException retryable(String errorCode, String message, Throwable cause) {
        return new DeliveryException(errorCode, message, true, cause);
    }

    public static DeliveryException permanent(String errorCode, String message, Throwable cause) {
        return new DeliveryException(errorCode, message, false, cause);
    }

    public String errorCode() {
        return errorCode;
    }

    public boolean retryable() {
        return retryable;
    }
}
