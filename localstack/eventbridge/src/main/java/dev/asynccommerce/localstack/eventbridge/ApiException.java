package dev.asynccommerce.localstack.eventbridge;

/** An AWS error answer: HTTP 400 with {@code {"__type": type, "message": ...}}. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String type;

    public ApiException(String type, String message) {
        super(message, null, false, false);
        this.type = type;
    }

    public String type() {
        return type;
    }

    static ApiException validation(String message) {
        return new ApiException("ValidationException", message);
    }

    static ApiException notFound(String message) {
        return new ApiException("ResourceNotFoundException", message);
    }

    static ApiException alreadyExists(String message) {
        return new ApiException("ResourceAlreadyExistsException", message);
    }
}
