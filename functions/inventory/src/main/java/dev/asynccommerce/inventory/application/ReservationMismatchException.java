package dev.asynccommerce.inventory.application;

/**
 * A reservation id came again with another store or other lines: invalid input, never retried. The
 * first request's reservation stands untouched.
 */
public final class ReservationMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    ReservationMismatchException(String message) {
        super(message);
    }
}
