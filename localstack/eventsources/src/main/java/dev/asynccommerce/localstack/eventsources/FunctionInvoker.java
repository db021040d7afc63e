package dev.asynccommerce.localstack.eventsources;

/**
 * The port through which a mapping invokes its function: a synchronous Lambda invocation
 * ({@code RequestResponse}), as the Lambda service's pollers make it. The stack's Lambda service
 * implements it; tests implement it with in-memory functions.
 *
 * <p>Expected of an implementation: it blocks until the function has answered; a function that
 * throws, crashes or times out comes back as an {@link Invocation} with {@code functionError} set
 * (Lambda's {@code X-Amz-Function-Error}). An exception thrown by the implementation itself (no such
 * function, throttled, the service failed) means the function was not invoked: a stream mapping
 * retries such a batch without spending its retry budget; an SQS mapping leaves the messages to
 * come back after their visibility timeout.
 */
@FunctionalInterface
public interface FunctionInvoker {
    /**
     * Invokes one function with one batch.
     *
     * @param functionArn the mapping's function, as a full ARN
     * @param payload the event, UTF-8 JSON
     */
    Invocation invoke(String functionArn, byte[] payload);

    /**
     * What the invocation answered.
     *
     * @param payload the function's result (UTF-8 JSON, possibly empty), or its error document
     * @param functionError null on success, else {@code "Unhandled"} (or {@code "Handled"})
     */
    record Invocation(byte[] payload, String functionError) {
        public static Invocation success(byte[] payload) {
            return new Invocation(payload, null);
        }

        public static Invocation unhandled(byte[] errorDocument) {
            return new Invocation(errorDocument, "Unhandled");
        }

        public boolean failed() {
            return functionError != null;
        }
    }
}
