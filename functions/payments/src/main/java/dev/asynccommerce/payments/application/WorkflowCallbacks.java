package dev.asynccommerce.payments.application;

import dev.asynccommerce.payments.domain.AuthorizationOutcome;

/**
 * Answers the workflow task that waits for a payment decision (a Step Functions task token).
 *
 * <p>Answering a token the workflow no longer waits for (timed out, already answered, execution
 * ended) is not an error: the workflow has moved on, and implementations ignore it. Any other failure
 * is an exception, and the message is delivered again.
 */
public interface WorkflowCallbacks {

    /** The task succeeds with the outcome as its output. */
    void succeed(String taskToken, AuthorizationOutcome outcome);

    /** The task fails with an error name the workflow can catch, and a cause for operators. */
    void fail(String taskToken, String error, String cause);
}
