package dev.asynccommerce.fulfillment.application;

/**
 * Another writer kept changing the same task or wait while this one tried to; a technical failure
 * the caller may retry (it answers 503, or fails the invocation for the platform to retry).
 */
public final class ConcurrentChangeException extends RuntimeException {
    public ConcurrentChangeException(String what) {
        super(what + " kept changing; try again");
    }
}
