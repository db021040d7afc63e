package dev.asynccommerce.notifications.handler;

import java.util.List;

/**
 * Input that breaks its contract: permanent, so it must be parked (the function's on-failure
 * destination or the state machine's Catch), not retried. The message names fields and rules,
 * never values, and the error carries no stack trace: it ends up in execution histories and
 * dead-letter messages.
 */
public final class RefusedInputException extends RuntimeException {
    private final List<String> problems;

    public RefusedInputException(String what, List<String> problems) {
        super(what + ": " + String.join("; ", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
