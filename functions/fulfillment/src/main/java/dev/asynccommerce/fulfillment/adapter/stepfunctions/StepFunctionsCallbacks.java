package dev.asynccommerce.fulfillment.adapter.stepfunctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.asynccommerce.fulfillment.application.WorkflowCallbacks;
import dev.asynccommerce.fulfillment.domain.TaskToken;
import dev.asynccommerce.platform.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * Completes waiting workflow steps with Step Functions {@code SendTaskSuccess} / {@code
 * SendTaskFailure} (SDK v2 {@link SfnClient}, unmodified). A token the service no longer knows
 * ({@code TaskDoesNotExist}, {@code TaskTimedOut}: completed already, timed out, or its execution
 * ended; {@code InvalidToken}) is {@link Delivery#TOKEN_GONE}; every other failure propagates.
 * IAM: {@code states:SendTaskSuccess}, {@code states:SendTaskFailure}.
 */
public final class StepFunctionsCallbacks implements WorkflowCallbacks {
    private static final Logger LOG = LogManager.getLogger(StepFunctionsCallbacks.class);
    /** SendTaskFailure's limit on {@code cause}. */
    static final int MAX_CAUSE = 32_768;

    private final SfnClient sfn;

    public StepFunctionsCallbacks(SfnClient sfn) {
        this.sfn = sfn;
    }

    @Override
    public Delivery succeed(TaskToken token, StepResult result) {
        String output = output(result);
        try {
            sfn.sendTaskSuccess(b -> b.taskToken(token.value()).output(output));
            return Delivery.DELIVERED;
        } catch (TaskDoesNotExistException | TaskTimedOutException | InvalidTokenException e) {
            LOG.info("workflow step no longer waits: {}", e.getClass().getSimpleName());
            return Delivery.TOKEN_GONE;
        }
    }

    @Override
    public Delivery fail(TaskToken token, String error, String cause) {
        String boundedCause = cause.length() > MAX_CAUSE ? cause.substring(0, MAX_CAUSE) : cause;
        try {
            sfn.sendTaskFailure(b -> b.taskToken(token.value()).error(error).cause(boundedCause));
            return Delivery.DELIVERED;
        } catch (TaskDoesNotExistException | TaskTimedOutException | InvalidTokenException e) {
            LOG.info("workflow step no longer waits: {}", e.getClass().getSimpleName());
            return Delivery.TOKEN_GONE;
        }
    }

    /** The step's output as the state machine reads it (docs/bopis-workflow.md, fulfillment). */
    static String output(StepResult result) {
        Map<String, Object> output = new LinkedHashMap<>();
        switch (result) {
            case StepResult.Picked picked -> {
                output.put("outcome", picked.outcome().name());
                List<Map<String, Object>> lines = picked.lines().stream()
                        .map(l -> Map.<String, Object>of("sku", l.sku().value(), "quantity", l.quantity()))
                        .toList();
                output.put("lines", lines);
            }
            case StepResult.Collected collected -> output.put("outcome", "COLLECTED");
        }
        try {
            return Json.mapper().writeValueAsString(output);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers always serializes", e);
        }
    }
}
