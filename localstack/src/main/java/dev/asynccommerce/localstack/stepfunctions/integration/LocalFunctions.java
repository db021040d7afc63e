package dev.asynccommerce.localstack.stepfunctions.integration;

/**
 * Lambda functions as the engine invokes them: what the local stack's Lambda emulation implements
 * (and tests implement with plain Java functions). Mirrors the Lambda Invoke API.
 */
public interface LocalFunctions {
    /**
     * Invokes a function synchronously (RequestResponse) or asynchronously (Event).
     *
     * @param functionName a name, a function ARN or a partial ARN, possibly with {@code :qualifier}
     * @param qualifier a version or alias, or null
     * @param payload the JSON event
     * @param asynchronous true for InvocationType Event
     * @throws LambdaServiceException when Lambda itself refuses or fails (no such function,
     *     throttling, ...), with Lambda's exception name
     */
    Invocation invoke(String functionName, String qualifier, byte[] payload, boolean asynchronous);

    /**
     * As {@link #invoke(String, String, byte[], boolean)}, continuing the execution's trace ({@code
     * traceHeader}, null when the execution is not traced); an implementation that does not trace ignores it.
     */
    default Invocation invoke(
            String functionName, String qualifier, byte[] payload, boolean asynchronous, String traceHeader) {
        return invoke(functionName, qualifier, payload, asynchronous);
    }

    /**
     * The result of an invocation, as Lambda's Invoke returns it.
     *
     * @param statusCode 200 (RequestResponse) or 202 (Event)
     * @param payload the function's response, or for a function error Lambda's error object {@code
     *     {"errorMessage","errorType","stackTrace"}}
     * @param functionError null on success, {@code "Unhandled"} or {@code "Handled"} on a function error
     * @param executedVersion e.g. {@code $LATEST}
     */
    record Invocation(int statusCode, byte[] payload, String functionError, String executedVersion) {
        public static Invocation success(byte[] payload) {
            return new Invocation(200, payload, null, "$LATEST");
        }

        public static Invocation error(byte[] errorPayload) {
            return new Invocation(200, errorPayload, "Unhandled", "$LATEST");
        }
    }

    /** Lambda (the service, not the function) failed; {@code exceptionName} as Lambda names it. */
    final class LambdaServiceException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String exceptionName;
        private final int statusCode;

        public LambdaServiceException(String exceptionName, int statusCode, String message) {
            super(message);
            this.exceptionName = exceptionName;
            this.statusCode = statusCode;
        }

        /** E.g. {@code ResourceNotFoundException}, {@code ServiceException}, {@code TooManyRequestsException}. */
        public String exceptionName() {
            return exceptionName;
        }

        public int statusCode() {
            return statusCode;
        }
    }
}
