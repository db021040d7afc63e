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
}
