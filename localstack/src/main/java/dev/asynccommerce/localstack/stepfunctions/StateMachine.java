package dev.asynccommerce.localstack.stepfunctions;

import java.time.Instant;

/** A created state machine, one immutable revision of it. */
record StateMachine(
        String arn,
        String name,
        String definitionText,
        Definition definition,
        String roleArn,
        boolean express,
        Instant creationDate,
        String revisionId) {

    String type() {
        return express ? "EXPRESS" : "STANDARD";
    }
}
