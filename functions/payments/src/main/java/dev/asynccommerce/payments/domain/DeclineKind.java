package dev.asynccommerce.payments.domain;

/**
 * How final a provider's decline is. SOFT: the method may work later, so the next method is tried.
 * HARD: stop the attempt, so that a stolen card list cannot be tested method after method.
 */
public enum DeclineKind {
    HARD,
    SOFT
}
