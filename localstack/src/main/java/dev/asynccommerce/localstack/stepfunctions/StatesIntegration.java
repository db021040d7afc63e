package dev.asynccommerce.localstack.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.localstack.stepfunctions.integration.IntegrationPattern;
import dev.asynccommerce.localstack.stepfunctions.integration.ServiceIntegration;
import dev.asynccommerce.localstack.stepfunctions.integration.TaskCall;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code arn:aws:states:::states:startExecution} with request-response, {@code .sync} (output as a
 * string), {@code .sync:2} (output as JSON) and {@code .waitForTaskToken}, on this same engine.
 */
final class StatesIntegration implements ServiceIntegration {
    private final StepFunctionsEngine engine;

    StatesIntegration(StepFunctionsEngine engine) {
        this.engine = engine;
    }

    @Override
    public String service() {
        return "states";
    }

    @Override
    public boolean supports(String action, IntegrationPattern pattern) {
        return "startExecution".equals(action);
    }

    @Override
    public CompletionStage<JsonNode> call(TaskCall call) {
        JsonNode p = call.parameters();
        JsonNode input = p.get("Input");
        String inputText = input == null ? "{}" : input.isTextual() ? input.asText() : Json.write(input);
        Execution child;
        try {
            // The child execution continues the parent's trace, under the task's subsegment.
            child = engine.start(
                    p.path("StateMachineArn").asText(null), p.path("Name").asText(null), inputText, call.traceHeader());
        } catch (ApiException e) {
            throw new StatesError(
                    "StepFunctions." + e.type() + "Exception",
                    e.getMessage() + " (Service: AWSStepFunctions; Status Code: 400; Error Code: " + e.type() + ")");
        }
        if (call.pattern() != IntegrationPattern.RUN_JOB) {
            ObjectNode out = Json.object();
            out.put("ExecutionArn", child.arn);
            out.put("StartDate", child.startDate.toEpochMilli());
            String requestId = UUID.randomUUID().toString();
            out.set("SdkHttpMetadata", Json.object().put("HttpStatusCode", 200));
            out.set("SdkResponseMetadata", Json.object().put("RequestId", requestId));
            return CompletableFuture.completedFuture(out);
        }
        boolean jsonOutput = "2".equals(call.variant());
        return child.completion().thenApply(done -> {
            ObjectNode out = describe(done, jsonOutput);
            if (done.status() != Execution.Status.SUCCEEDED) {
                throw new StatesError(StatesError.Errors.TASK_FAILED, Json.write(out));
            }
            return out;
        });
    }

    private static ObjectNode describe(Execution e, boolean jsonOutput) {
        ObjectNode out = Json.object();
        out.put("ExecutionArn", e.arn);
        if (jsonOutput) {
            out.set("Input", e.input);
        } else {
            out.put("Input", e.inputText);
        }
        out.set("InputDetails", Json.object().put("Included", true));
        out.put("Name", e.name);
        if (e.output() != null) {
            if (jsonOutput) {
                out.set("Output", Json.parse(e.output()));
            } else {
                out.put("Output", e.output());
            }
            out.set("OutputDetails", Json.object().put("Included", true));
        }
        if (e.error() != null) {
            out.put("Error", e.error());
        }
        if (e.cause() != null) {
            out.put("Cause", e.cause());
        }
        out.put("RedriveCount", e.redriveCount());
        out.put("StartDate", e.startDate.toEpochMilli());
        out.put("StateMachineArn", e.machine.arn());
        out.put("Status", e.status().name());
        if (e.stopDate() != null) {
            out.put("StopDate", e.stopDate().toEpochMilli());
        }
        return out;
    }
}
