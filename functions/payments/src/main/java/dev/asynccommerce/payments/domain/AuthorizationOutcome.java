package dev.asynccommerce.payments.domain;

import java.util.Objects;

/** The decision on one payment attempt, as the workflow branches on it. */
public sealed interface AuthorizationOutcome {

    record Authorized(PaymentId paymentId, MethodType methodType, int methodIndex) implements AuthorizationOutcome {
        public Authorized {
            Objects.requireNonNull(paymentId, "paymentId");
            Objects.requireNonNull(methodType, "methodType");
        }
    }

    record Declined(String reason) implements AuthorizationOutcome {
        public Declined {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Technical: the provider could not be reached; nothing is known about the methods. */
    record Failed(String reason) implements AuthorizationOutcome {
        public static final String PROVIDER_UNAVAILABLE = "payment provider unavailable";

        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
