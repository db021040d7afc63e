package dev.asynccommerce.localstack.spi;

/**
 * Invokes a function synchronously, as the stack's API gateway and event-source mappings do: the
 * stack implements it with its Lambda service. Lambda's own errors (throttling, unknown function)
 * surface as exceptions; a function's error is a value ({@link Invocation#functionError()}).
 */
@FunctionalInterface
public interface FunctionInvoker {
    /**
     * Invokes one function.
     *
     * @param functionArn the function to invoke, as a full ARN (possibly qualified)
     * @param payload the event, UTF-8 JSON
     */
    Invocation invoke(String functionArn, byte[] payload);

    /**
     * Invokes one function within a trace: the caller's trace to continue, or the producers' traces to
     * link to (see {@link TraceContext}). An invoker that does not trace ignores it.
     */
    default Invocation invoke(String functionArn, byte[] payload, TraceContext trace) {
        return invoke(functionArn, payload);
    }

    /**
     * What Lambda's Invoke answered.
     *
     * @param payload the function's result (UTF-8 JSON), or the error document when it failed
     * @param functionError null on success, else {@code "Unhandled"} (Lambda's {@code X-Amz-Function-Error}), or {@code "Handled"}
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
