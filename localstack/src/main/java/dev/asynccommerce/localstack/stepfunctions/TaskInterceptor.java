package dev.asynccommerce.localstack.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Replaces a Task state's call with a stubbed outcome, in the spirit of Step Functions Local's mock
 * configurations: the state's input and output processing, Retry, Catch and history run as usual,
 * only the service is not called. For a {@code .waitForTaskToken} task the stub is the callback's
 * outcome. Used by the ASL test helper; the running stack has none.
 */
@FunctionalInterface
public interface TaskInterceptor {
    /**
     * Answers the stubbed outcome of {@code stateName}'s {@code attempt}-th call (0 first, counting
     * retries), or empty to call the real resource.
     */
    Optional<Outcome> intercept(String stateName, String resource, JsonNode parameters, int attempt);

    /** A stubbed outcome. */
    sealed interface Outcome permits Return, Throw {}

    /** The task succeeds with {@code result}. */
    record Return(JsonNode result) implements Outcome {}

    /** The task fails with {@code error} and {@code cause}. */
    record Throw(String error, String cause) implements Outcome {}
}
