package dev.asynccommerce.payments.domain;

import java.util.Objects;

/** What the payment provider decided on one call (technical failures are not answers, they are errors). */
public sealed interface ProviderAnswer {

    record Approved() implements ProviderAnswer {}

    /**
     * @param reasonCode the provider's decline code, for operators (e.g. {@code insufficient_funds})
     */
    record Declined(DeclineKind kind, String reasonCode) implements ProviderAnswer {
        public Declined {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reasonCode, "reasonCode");
        }
    }
}
