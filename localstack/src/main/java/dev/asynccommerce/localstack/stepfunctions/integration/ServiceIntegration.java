package dev.asynccommerce.localstack.stepfunctions.integration;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletionStage;

/**
 * A service reachable from Task states as {@code arn:aws:states:::<service>:<action>[.suffix]}.
 *
 * <p>Failures are reported by throwing (or completing the stage exceptionally with) a {@link
 * dev.asynccommerce.localstack.stepfunctions.StatesError} carrying AWS's error name for the
 * service, e.g. {@code DynamoDB.ConditionalCheckFailedException}; any other exception becomes
 * {@code States.TaskFailed}.
 */
public interface ServiceIntegration {
    /** The service name in the resource ARN, e.g. {@code "dynamodb"}. */
    String service();

    /** Whether {@code action} exists and AWS offers it with {@code pattern}. */
    boolean supports(String action, IntegrationPattern pattern);

    /**
     * Calls the service. For REQUEST_RESPONSE and WAIT_FOR_TASK_TOKEN the stage completes with the
     * call's result (for WAIT_FOR_TASK_TOKEN the engine then waits for the token); for RUN_JOB it
     * completes when the job ends, with the job's result.
     */
    CompletionStage<JsonNode> call(TaskCall call);
}
