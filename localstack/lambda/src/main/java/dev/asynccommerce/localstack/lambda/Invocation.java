package dev.asynccommerce.localstack.lambda;

import java.util.concurrent.CompletableFuture;

/** One invocation on its way through an execution environment. */
final class Invocation {
    /** How it ended: the payload the caller gets and, for a failure, {@code "Unhandled"}. */
    record Outcome(byte[] payload, String functionError, boolean environmentLost) {
        static Outcome success(byte[] payload) {
            return new Outcome(payload, null, false);
        }

        static Outcome error(byte[] payload) {
            return new Outcome(payload, "Unhandled", false);
        }

        /** The function did not finish: its process is gone or being stopped. */
        static Outcome lost(String errorType, String message) {
            String json = "{\"errorType\":" + Json.quote(errorType) + ",\"errorMessage\":" + Json.quote(message) + "}";
            return new Outcome(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), "Unhandled", true);
        }
    }

    final String requestId;
    final byte[] payload;
    final String invokedFunctionArn;
    final String traceId;
    final String clientContext;
    /** Completed when the runtime takes the invocation from {@code /next}. */
    final CompletableFuture<Void> dispatched = new CompletableFuture<>();

    final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    volatile long deadlineMillis;
    volatile long dispatchedNanos;
    volatile long logFrom = -1;
    volatile String logTail = "";

    Invocation(String requestId, byte[] payload, String invokedFunctionArn, String traceId, String clientContext) {
        this.requestId = requestId;
        this.payload = payload;
        this.invokedFunctionArn = invokedFunctionArn;
        this.traceId = traceId;
        this.clientContext = clientContext;
    }
}
