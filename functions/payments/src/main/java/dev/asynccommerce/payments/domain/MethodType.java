package dev.asynccommerce.payments.domain;

/** The kind of a payment method; the provider token itself never enters the ledger. */
public enum MethodType {
    CARD,
    WALLET
}
