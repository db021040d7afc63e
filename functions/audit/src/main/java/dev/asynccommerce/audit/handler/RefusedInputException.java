package dev.asynccommerce.audit.handler;

import java.util.List;

/**
 * An event that breaks its contract: permanent, so it must be parked (the function's on-failure
 * destination), not retried. The message names fields and rules, never values, and carries no
 * stack trace.
 */
public final class RefusedInputException extends RuntimeException {
    public RefusedInputException(String what, List<String> problems) {
        super(what + ": " + String.join("; ", problems), null, false, false);
    }
}
