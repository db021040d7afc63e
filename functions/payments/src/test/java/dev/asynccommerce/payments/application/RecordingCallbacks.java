package dev.asynccommerce.payments.application;

import dev.asynccommerce.payments.domain.AuthorizationOutcome;
import java.util.ArrayList;
import java.util.List;

/** Remembers every answer given to a task token. */
public final class RecordingCallbacks implements WorkflowCallbacks {
    public record Success(String taskToken, AuthorizationOutcome outcome) {}

    public record Failure(String taskToken, String error, String cause) {}

    public final List<Success> successes = new ArrayList<>();
    public final List<Failure> failures = new ArrayList<>();

    @Override
    public void succeed(String taskToken, AuthorizationOutcome outcome) {
        successes.add(new Success(taskToken, outcome));
    }

    @Override
    public void fail(String taskToken, String error, String cause) {
        failures.add(new Failure(taskToken, error, cause));
    }
}
