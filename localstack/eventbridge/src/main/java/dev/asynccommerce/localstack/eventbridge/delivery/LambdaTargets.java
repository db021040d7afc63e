package dev.asynccommerce.localstack.eventbridge.delivery;

/** What the stack's Lambda emulation offers EventBridge: the {@code Event} invocation type. */
@FunctionalInterface
public interface LambdaTargets {
    /**
     * Queues an asynchronous invocation (InvocationType Event) and returns without waiting for the
     * function.
     *
     * @throws DeliveryException {@code NO_RESOURCE} (permanent) for an unknown function, {@code
     *     THROTTLING} (retryable) when concurrency is exhausted
     */
    void invokeAsync(String functionArn, String payload);

    /**
     * As {@link #invokeAsync(String, String)}, continuing the event's trace ({@code traceHeader}, may be
     * null); an implementation that does not trace ignores it.
     */
    default void invokeAsync(String functionArn, String payload, String traceHeader) {
        invokeAsync(functionArn, payload);
    }
}
