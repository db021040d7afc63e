package dev.asynccommerce.payments.application;

import dev.asynccommerce.payments.domain.AuthorizationOutcome;
import java.time.Duration;

/** What became of one delivery of an AUTHORIZE message, and so what the queue should do with it. */
public sealed interface AuthorizationResult {

    /** Whether the message must stay on the queue (be reported as a batch item failure). */
    boolean redeliver();

    /** The workflow got its answer; the message is done. */
    record Answered(AuthorizationOutcome outcome) implements AuthorizationResult {
        @Override
        public boolean redeliver() {
            return false;
        }
    }

    /** The provider is unavailable; the message comes back after {@code delay}. */
    record RetryLater(Duration delay) implements AuthorizationResult {
        @Override
        public boolean redeliver() {
            return true;
        }
    }

    /**
     * The provider stayed unavailable through the last delivery: FAILED is recorded and answered, and
     * the message is still handed back so that the queue parks it in the failure queue, which pages.
     */
    record GaveUp(AuthorizationOutcome.Failed outcome) implements AuthorizationResult {
        @Override
        public boolean redeliver() {
            return true;
        }
    }

    /** The message can never be processed; the workflow was told with an error, if it could be. */
    record Rejected(String problem) implements AuthorizationResult {
        @Override
        public boolean redeliver() {
            return false;
        }
    }
}
