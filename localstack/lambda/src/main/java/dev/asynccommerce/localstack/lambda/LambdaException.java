package dev.asynccommerce.localstack.lambda;

/**
 * An error Lambda's API itself returns (not a function error): the error type goes to the {@code
 * x-amzn-ErrorType} header, the message and {@code Type} to the JSON body, as AWS's REST-JSON protocol
 * does, so the SDK raises its modelled exception.
 */
public final class LambdaException extends RuntimeException {
    private final String errorType;
    private final int status;
    private final String reason;

    private LambdaException(String errorType, int status, String message, String reason) {
        super(message, null, false, false);
        this.errorType = errorType;
        this.status = status;
        this.reason = reason;
    }

    public static LambdaException resourceNotFound(String message) {
        return new LambdaException("ResourceNotFoundException", 404, message, null);
    }

    public static LambdaException functionNotFound(String arn) {
        return resourceNotFound("Function not found: " + arn);
    }

    /** A parameter fails its modelled constraint (pattern, length), before Lambda looks anything up. */
    public static LambdaException validation(String message) {
        return new LambdaException("ValidationException", 400, message, null);
    }

    public static LambdaException resourceConflict(String message) {
        return new LambdaException("ResourceConflictException", 409, message, null);
    }

    public static LambdaException invalidParameter(String message) {
        return new LambdaException("InvalidParameterValueException", 400, message, null);
    }

    public static LambdaException invalidRequestContent(String message) {
        return new LambdaException("InvalidRequestContentException", 400, message, null);
    }

    public static LambdaException requestTooLarge(String message) {
        return new LambdaException("RequestTooLargeException", 413, message, null);
    }

    /** Throttled; {@code reason} is one of Lambda's ThrottleReason values. */
    public static LambdaException tooManyRequests(String reason) {
        return new LambdaException("TooManyRequestsException", 429, "Rate Exceeded.", reason);
    }

    public static LambdaException service(String message) {
        return new LambdaException("ServiceException", 500, message, null);
    }

    public String errorType() {
        return errorType;
    }

    public int status() {
        return status;
    }

    /** The throttle reason for TooManyRequestsException, else null. */
    public String reason() {
        return reason;
    }
}
