package dev.asynccommerce.inventory.application;

/**
 * A reservation was to be committed but holds no stock (never made, refused, or released): the
 * workflow asked for something that cannot be, so a retry cannot help. Nothing was written.
 */
public final class ReservationNotHeldException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    ReservationNotHeldException(String message) {
        super(message);
    }
}
