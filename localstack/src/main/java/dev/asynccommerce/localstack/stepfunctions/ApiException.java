package dev.asynccommerce.localstack.stepfunctions;

/** An error answered to an API caller as {@code {"__type": type, "message": message}} with HTTP 400. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String type;

    public ApiException(String type, String message) {
        super(message, null, false, false);
        this.type = type;
    }

    /** AWS's error name, e.g. {@code ExecutionDoesNotExist}. */
    public String type() {
        return type;
    }
}
