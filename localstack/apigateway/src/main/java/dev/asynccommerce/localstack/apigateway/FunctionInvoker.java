package dev.asynccommerce.localstack.apigateway;

/**
 * The port through which the gateway invokes a route's integration: a synchronous Lambda invocation
 * ({@code RequestResponse}). The stack's Lambda service implements it; tests implement it with Java
 * lambdas.
 *
 * <p>Guarantees expected of an implementation: it blocks until the function has answered; a function
 * that throws (or times out) comes back as an {@link Invocation} with {@code functionError} set, as
 * Lambda's Invoke reports it in {@code X-Amz-Function-Error}, never as an exception. An exception
 * thrown by the implementation itself (the function does not exist, the service failed) is treated
 * by the gateway exactly like a function error: the client gets a 500.
 */
@FunctionalInterface
public interface FunctionInvoker {
    /**
     * Invokes one function.
     *
     * @param functionArn the integration's function ARN, as the template's integration URI names it
     * @param payload the event, UTF-8 JSON
     */
    Invocation invoke(String functionArn, byte[] payload);

    /**
     * What Lambda's Invoke answered.
     *
     * @param payload the function's result (UTF-8 JSON), or the error document when it failed
     * @param functionError null on success, else {@code "Unhandled"} (Lambda's {@code X-Amz-Function-Error})
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
