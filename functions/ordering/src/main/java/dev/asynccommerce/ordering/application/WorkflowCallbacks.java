package dev.asynccommerce.ordering.application;

import java.util.List;

/**
 * Answers a workflow task that waits for this context (a task token). Answering a task the
 * workflow no longer waits for (timed out, already answered) is not a failure: the workflow moved on.
 */
public interface WorkflowCallbacks {
    /** The error with which a waiting task learns that the customer cancelled the order. */
    String ORDER_CANCELLED = "Order.Cancelled";

    /** A payment method as the workflow passes it to payments: type and provider token. */
    record Method(String type, String token) {}

    /** Resumes a {@code PAYMENT_FAILED} wait: payment attempt {@code attempt} with {@code methods}. */
    void resumePayment(String taskToken, int attempt, List<Method> methods);

    void fail(String taskToken, String error, String cause);
}
