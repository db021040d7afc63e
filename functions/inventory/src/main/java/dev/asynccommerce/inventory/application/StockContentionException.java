package dev.asynccommerce.inventory.application;

/**
 * A stock row kept changing under a read-modify-write for every attempt allowed. A technical
 * failure, not a business outcome: nothing was written, and the whole operation may be retried.
 */
public final class StockContentionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StockContentionException(String message) {
        super(message);
    }
}
