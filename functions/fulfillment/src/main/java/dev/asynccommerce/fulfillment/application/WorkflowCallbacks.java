package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.fulfillment.domain.PickLine;
import dev.asynccommerce.fulfillment.domain.PickOutcome;
import dev.asynccommerce.fulfillment.domain.TaskToken;
import java.util.List;

/**
 * Completes the workflow steps that wait on fulfillment (Step Functions task tokens).
 *
 * <p>Guarantees: a step completed already (or timed out, or whose execution ended) answers {@link
 * Delivery#TOKEN_GONE}, never an exception, so completing a step again is harmless. Failure
 * behaviour: anything else that goes wrong (throttling, the service unreachable) is an exception,
 * for the caller to retry.
 */
public interface WorkflowCallbacks {
    /** The error with which a step is failed when the customer cancelled (docs/bopis-workflow.md). */
    String ORDER_CANCELLED = "Order.Cancelled";

    Delivery succeed(TaskToken token, StepResult result);

    Delivery fail(TaskToken token, String error, String cause);

    enum Delivery {
        DELIVERED,
        /** The step does not wait on this token any more. */
        TOKEN_GONE
    }

    /** The output a waiting step gets, as the state machine's Choice states read it. */
    sealed interface StepResult {
        /** {@code {"outcome": "PICKED"|"SHORT_PICKED", "lines": [{"sku", "quantity"}]}}. */
        record Picked(PickOutcome outcome, List<PickLine> lines) implements StepResult {
            public Picked {
                lines = List.copyOf(lines);
            }
        }

        /** {@code {"outcome": "COLLECTED"}}. */
        record Collected() implements StepResult {}
    }
}
