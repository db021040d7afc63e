package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.fulfillment.domain.TaskToken;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The workflow as the callbacks see it: records each completion; a token completed once is gone
 * afterwards, as in Step Functions. Can be told to be unreachable.
 */
public final class RecordingCallbacks implements WorkflowCallbacks {
    public record Call(String token, StepResult result, String error, String cause, Delivery delivery) {}

    private final List<Call> calls = new ArrayList<>();
    private final Set<String> completed = new HashSet<>();
    private boolean unreachable;

    @Override
    public synchronized Delivery succeed(TaskToken token, StepResult result) {
        return record(token, result, null, null);
    }

    @Override
    public synchronized Delivery fail(TaskToken token, String error, String cause) {
        return record(token, null, error, cause);
    }

    private Delivery record(TaskToken token, StepResult result, String error, String cause) {
        if (unreachable) {
            throw new IllegalStateException("Step Functions unreachable");
        }
        Delivery delivery = completed.add(token.value()) ? Delivery.DELIVERED : Delivery.TOKEN_GONE;
        calls.add(new Call(token.value(), result, error, cause, delivery));
        return delivery;
    }

    public synchronized void unreachable(boolean value) {
        unreachable = value;
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The calls that reached a waiting step. */
    public synchronized List<Call> delivered() {
        return calls.stream().filter(c -> c.delivery() == Delivery.DELIVERED).toList();
    }
}
