package dev.asynccommerce.payments.application;

/** The ledger kept moving under this writer: a technical failure, to be retried as a whole. */
public final class LedgerContentionException extends RuntimeException {
    public LedgerContentionException(String orderId) {
        super("the payment ledger of " + orderId + " kept changing; try again", null, false, false);
    }
}
