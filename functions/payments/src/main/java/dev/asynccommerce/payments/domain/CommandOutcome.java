package dev.asynccommerce.payments.domain;

/**
 * The answer to a capture, void or refund. The first three are the successes; the others are
 * refusals the workflow can branch on (they change nothing).
 */
public enum CommandOutcome {
    CAPTURED,
    VOIDED,
    REFUNDED,
    /** VOID when the order holds no open authorization: there is nothing to release. */
    NOTHING_TO_VOID,
    /** VOID of a payment that was captured already: a REFUND is what returns the money. */
    ALREADY_CAPTURED,
    /** CAPTURE of a payment that was voided already. */
    ALREADY_VOIDED,
    /** CAPTURE of a payment the ledger has no authorization for. */
    NOT_AUTHORIZED,
    /** REFUND of a payment that was never captured. */
    NOTHING_TO_REFUND,
    /** The amount exceeds what was authorized (capture) or captured (refund), or is in another currency. */
    AMOUNT_MISMATCH,
    /** The provider refused the capture, void or refund. */
    DECLINED_BY_PROVIDER
}
