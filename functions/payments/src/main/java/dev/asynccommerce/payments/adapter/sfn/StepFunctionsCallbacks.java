package dev.asynccommerce.payments.adapter.sfn;

import dev.asynccommerce.payments.application.WorkflowCallbacks;
import dev.asynccommerce.payments.domain.AuthorizationOutcome;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * Answers task tokens with {@code SendTaskSuccess} / {@code SendTaskFailure}. A token the workflow
 * no longer waits for (timed out, unknown, already answered) is logged and ignored: the workflow
 * has moved on and a retry cannot change that. Other errors propagate, so the message is
 * delivered again. Needs {@code states:SendTaskSuccess} and {@code states:SendTaskFailure}.
 */
public final class StepFunctionsCallbacks implements WorkflowCallbacks {
    private static final Logger LOG = LogManager.getLogger(StepFunctionsCallbacks.class);
    /** SendTaskFailure's limits on error and cause. */
    private static final int MAX_ERROR = 256;

    private static final int MAX_CAUSE = 32768;

    private final SfnClient sfn;

    public StepFunctionsCallbacks(SfnClient sfn) {
        this.sfn = sfn;
    }

    @Override
    public void succeed(String taskToken, AuthorizationOutcome outcome) {
        String output = OutcomeJson.of(outcome);
        ignoringGoneTasks(() -> sfn.sendTaskSuccess(b -> b.taskToken(taskToken).output(output)));
    }

    @Override
    public void fail(String taskToken, String error, String cause) {
        ignoringGoneTasks(() -> sfn.sendTaskFailure(
                b -> b.taskToken(taskToken).error(cut(error, MAX_ERROR)).cause(cut(cause, MAX_CAUSE))));
    }

    private static void ignoringGoneTasks(Runnable call) {
        try {
            call.run();
        } catch (TaskTimedOutException | InvalidTokenException | TaskDoesNotExistException e) {
            LOG.warn(
                    "workflow task no longer waits for an answer: {}",
                    e.getClass().getSimpleName());
        }
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
