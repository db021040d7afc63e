package dev.asynccommerce.payments.domain;

/** What the workflow can ask of an authorization once it exists. */
public enum PaymentCommand {
    CAPTURE,
    VOID,
    REFUND
}
