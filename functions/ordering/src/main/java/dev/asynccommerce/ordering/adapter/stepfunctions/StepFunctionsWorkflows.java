package dev.asynccommerce.ordering.adapter.stepfunctions;

import dev.asynccommerce.ordering.application.FulfillmentWorkflows;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * Starts the pickup state machine, one execution per order, named after it. Step Functions keeps
 * execution names unique per state machine (for 90 days after they end), which is what makes a
 * duplicate start harmless: the same input while running answers the running execution, anything
 * else {@code ExecutionAlreadyExists}.
 */
public final class StepFunctionsWorkflows implements FulfillmentWorkflows {
    private final SfnClient sfn;
    private final String stateMachineArn;

    /** @param stateMachineArn null in functions that never start the workflow */
    public StepFunctionsWorkflows(SfnClient sfn, String stateMachineArn) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
    }

    @Override
    public boolean start(String orderId, String inputJson) {
        if (stateMachineArn == null) {
            throw new IllegalStateException("BOPIS_STATE_MACHINE_ARN is not set for this function");
        }
        try {
            sfn.startExecution(
                    b -> b.stateMachineArn(stateMachineArn).name(orderId).input(inputJson));
            return true;
        } catch (ExecutionAlreadyExistsException duplicate) {
            return false;
        }
    }
}
