package dev.asynccommerce.payments.application;

import java.util.List;

/**
 * A request that can never succeed as sent: a missing or malformed field. Never retried; its
 * message lists the problems by field and never repeats a payment token.
 */
public final class InvalidPaymentRequestException extends RuntimeException {
    private final List<String> problems;

    public InvalidPaymentRequestException(List<String> problems) {
        // No stack trace: the message is the whole story, and Lambda would put a trace in the answer.
        super("invalid payment request: " + String.join("; ", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
