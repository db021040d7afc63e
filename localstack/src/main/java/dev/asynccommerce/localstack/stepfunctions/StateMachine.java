package dev.asynccommerce.localstack.stepfunctions;

import java.time.Instant;

/**
 * A created state machine, one immutable revision of it.
 *
 * @param tracingEnabled {@code TracingConfiguration.enabled}: executions are sampled and recorded in X-Ray
 */
record StateMachine(
        String arn,
        String name,
        String definitionText,
        Definition definition,
        String roleArn,
        boolean express,
        Instant creationDate,
        String revisionId,
        boolean tracingEnabled) {

    String type() {
        return express ? "EXPRESS" : "STANDARD";
    }
}
