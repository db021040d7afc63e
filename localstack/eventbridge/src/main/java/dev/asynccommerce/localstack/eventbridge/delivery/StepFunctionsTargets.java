package dev.asynccommerce.localstack.eventbridge.delivery;

/** What the stack's Step Functions engine offers EventBridge. */
@FunctionalInterface
public interface StepFunctionsTargets {
    /**
     * StartExecution of {@code stateMachineArn} with {@code input} (the event, or the target's
     * transformed input) and a generated execution name.
     *
     * @throws DeliveryException {@code NO_RESOURCE} (permanent) for an unknown state machine
     */
    void startExecution(String stateMachineArn, String input);

    /**
     * As {@link #startExecution(String, String)}, with the event's trace header as the execution's
     * {@code traceHeader} ({@code traceHeader} may be null); an implementation that does not trace ignores it.
     */
    default void startExecution(String stateMachineArn, String input, String traceHeader) {
        startExecution(stateMachineArn, input);
    }
}
