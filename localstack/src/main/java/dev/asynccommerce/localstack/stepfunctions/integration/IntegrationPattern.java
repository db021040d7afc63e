package dev.asynccommerce.localstack.stepfunctions.integration;

/** How a Task state waits for its service: the resource ARN's suffix. */
public enum IntegrationPattern {
    /** No suffix: the task ends when the call returns. */
    REQUEST_RESPONSE(""),
    /** {@code .sync} / {@code .sync:2}: the task ends when the started job ends. */
    RUN_JOB(".sync"),
    /** {@code .waitForTaskToken}: the task ends when SendTaskSuccess/Failure names its token. */
    WAIT_FOR_TASK_TOKEN(".waitForTaskToken");

    private final String suffix;

    IntegrationPattern(String suffix) {
        this.suffix = suffix;
    }

    public String suffix() {
        return suffix;
    }
}
