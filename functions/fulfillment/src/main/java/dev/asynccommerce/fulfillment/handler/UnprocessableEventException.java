package dev.asynccommerce.fulfillment.handler;

import java.util.List;

/**
 * An event that breaks its schema. Permanent: after Lambda's retries of the asynchronous invocation
 * it lands in the function's on-failure destination with this message (paths and rules only, never
 * values), for someone to look at; it is never acted on.
 */
public final class UnprocessableEventException extends RuntimeException {
    public UnprocessableEventException(List<String> problems) {
        super("event refused: " + String.join("; ", problems));
    }
}
