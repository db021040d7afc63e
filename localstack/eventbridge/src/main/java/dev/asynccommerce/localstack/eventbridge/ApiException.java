package dev.asynccommerce.localstack.eventbridge;

import dev.asynccommerce.localstack.spi.AwsJsonProtocol;

/** An AWS error answer: HTTP 400 with {@code {"__type": type, "message": ...}}. */
public final class ApiException extends AwsJsonProtocol.ServiceException {
    private static final long serialVersionUID = 1L;

    public ApiException(String type, String message) {
        super(type, message);
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
