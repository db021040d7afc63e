package dev.asynccommerce.payments.domain;

/** What to do next for a payment attempt, given its ledger: call the provider, or answer. */
public sealed interface AuthorizationStep {

    /** Ask the provider to authorize the method at this index (0-based, in the customer's order). */
    record TryMethod(int methodIndex) implements AuthorizationStep {}

    /** The attempt is decided (possibly long ago): answer this, call no provider. */
    record Decided(AuthorizationOutcome outcome) implements AuthorizationStep {}
}
