package dev.asynccommerce.payments.application;

/**
 * The payment provider could not be reached or answered with an error: nothing was decided, and the
 * same call (same idempotency key) may be tried again. Thrown out of the payment commands function,
 * whose callers (the state machine) retry it with backoff.
 */
public final class PaymentProviderUnavailableException extends RuntimeException {
    public PaymentProviderUnavailableException(String message) {
        // No stack trace: this travels to the workflow as an error and is expected, not a defect.
        super(message, null, false, false);
    }
}
