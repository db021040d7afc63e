package dev.asynccommerce.ordering.adapter.stepfunctions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.ordering.application.WorkflowCallbacks;
import dev.asynccommerce.platform.json.Json;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * Answers waiting tasks with {@code SendTaskSuccess} / {@code SendTaskFailure}. A task that no longer
 * waits (timed out, answered, its execution stopped) is logged and let go: the workflow moved on, and
 * retrying would never help. Every other failure is an exception, so the event is retried.
 */
public final class StepFunctionsCallbacks implements WorkflowCallbacks {
    private static final Logger LOG = LogManager.getLogger(StepFunctionsCallbacks.class);

    private final SfnClient sfn;

    public StepFunctionsCallbacks(SfnClient sfn) {
        this.sfn = sfn;
    }

    @Override
    public void resumePayment(String taskToken, int attempt, List<Method> methods) {
        ObjectNode output = Json.mapper().createObjectNode().put("attempt", attempt);
        ArrayNode list = output.putArray("methods");
        methods.forEach(m -> list.addObject().put("type", m.type()).put("token", m.token()));
        answer(() -> sfn.sendTaskSuccess(b -> b.taskToken(taskToken).output(output.toString())));
    }

    @Override
    public void fail(String taskToken, String error, String cause) {
        answer(() ->
                sfn.sendTaskFailure(b -> b.taskToken(taskToken).error(error).cause(cause)));
    }

    private static void answer(Runnable call) {
        try {
            call.run();
        } catch (TaskTimedOutException | TaskDoesNotExistException | InvalidTokenException gone) {
            LOG.warn(
                    "the workflow no longer waits for this task: {}",
                    gone.getClass().getSimpleName());
        }
    }
}
