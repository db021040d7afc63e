package dev.asynccommerce.inventory.handler;

import java.util.List;

/**
 * A workflow command that cannot be carried out as sent: every problem named, no submitted value
 * echoed. Nothing was written; retrying the same input cannot help, so the state machine must not
 * retry this error.
 */
public final class InvalidCommandException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidCommandException(List<String> problems) {
        super("invalid inventory command: " + String.join("; ", problems));
    }
}
