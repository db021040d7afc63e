package dev.asynccommerce.localstack.stepfunctions.integration;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One call of a service integration by a Task state.
 *
 * @param resource the Task's Resource ARN as written
 * @param service the service part of {@code arn:aws:states:::<service>:<action>}, e.g. {@code dynamodb}
 * @param action the action without its pattern suffix, e.g. {@code putItem}
 * @param pattern how the task waits
 * @param variant the pattern's qualifier: {@code "2"} for {@code .sync:2}, else empty
 * @param parameters the effective parameters (Parameters or Arguments already evaluated)
 * @param executionArn the calling execution
 * @param taskToken the task token when the pattern is WAIT_FOR_TASK_TOKEN, else null
 * @param traceHeader the X-Ray trace header the call carries (the execution's trace, the task's
 *     subsegment as Parent), or null when the execution is not traced
 */
public record TaskCall(
        String resource,
        String service,
        String action,
        IntegrationPattern pattern,
        String variant,
        JsonNode parameters,
        String executionArn,
        String taskToken,
        String traceHeader) {

    /** A call outside any trace. */
    public TaskCall(
            String resource,
            String service,
            String action,
            IntegrationPattern pattern,
            String variant,
            JsonNode parameters,
            String executionArn,
            String taskToken) {
        this(resource, service, action, pattern, variant, parameters, executionArn, taskToken, null);
    }
}
