package dev.asynccommerce.fulfillment.handler;

import dev.asynccommerce.platform.http.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A workflow task's input breaks the contract (docs/bopis-workflow.md, fulfillment). Permanent: the
 * same input fails the same way, so the state machine must not retry this error. The message names
 * fields and rules only, never values (the input holds a task token and may hold a pickup code).
 */
public final class InvalidTaskInputException extends RuntimeException {
    public InvalidTaskInputException(List<FieldError> errors) {
        super("invalid fulfillment task input: "
                + errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")));
    }
}
