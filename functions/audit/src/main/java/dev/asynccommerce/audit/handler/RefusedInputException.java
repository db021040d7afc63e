package dev.asynccommerce.audit.handler;

import java.util.List;

/**
 * An event that breaks its contract: permanent, the same input fails the same way. Lambda's
 * asynchronous retries (two) repeat it, then it lands in the function's on-failure queue, which
 * alarms. The message names fields and rules, never values, and carries no stack trace.
 */
public final class RefusedInputException extends RuntimeException {
    public RefusedInputException(String what, List<String> problems) {
        super(what + ": " + String.join("; ", problems), null, false, false);
    }
}
