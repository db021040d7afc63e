package dev.asynccommerce.localstack.eventbridge.delivery;

/**
 * Delivers events to the targets of one AWS service. Called on a delivery thread or on a timer (for
 * retries), never while the bus holds its lock; may block.
 */
@FunctionalInterface
public interface TargetInvoker {
    /**
     * Delivers one event; returns normally on success.
     *
     * @throws DeliveryException with AWS's error code; any other exception counts as a retryable
     *     {@code ERROR_FROM_TARGET}
     */
    void deliver(TargetRequest request);

    /** Lambda targets: an asynchronous invocation of the function with the input as payload. */
    static TargetInvoker lambda(LambdaTargets functions) {
        return r -> functions.invokeAsync(r.targetArn(), r.input(), r.traceHeader());
    }

    /** Step Functions targets: StartExecution of the state machine with the input. */
    static TargetInvoker stepFunctions(StepFunctionsTargets machines) {
        return r -> machines.startExecution(r.targetArn(), r.input(), r.traceHeader());
    }
}
