package dev.asynccommerce.inventory.application;

import dev.asynccommerce.inventory.domain.Reservation;
import dev.asynccommerce.inventory.domain.ReservationId;
import dev.asynccommerce.inventory.domain.ReservationStatus;
import dev.asynccommerce.inventory.domain.StockLevel;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where inventory keeps reservations, and writes a reservation's change together with the stock it
 * takes or gives back and the events describing both: all of it, or nothing.
 *
 * <p>Conditions: each stock row only over the version it was read at (for version 0: only if there
 * is no row), the reservation only if it does not exist yet (new) or still has the expected status.
 * A lost condition is a {@link WriteResult} for the caller to reload and decide again; a failure to
 * reach the store, or contention that outlasted the store's own retries, is an unchecked exception.
 */
public interface ReservationStore {

    /** The reservation, strongly consistent; empty if it was never requested. */
    Optional<Reservation> find(ReservationId id);

    WriteResult write(ReservationChange change);

    /**
     * One atomic change.
     *
     * @param reservation the reservation as it is to be stored
     * @param expectedStatus the stored status it replaces; empty for a new reservation
     * @param stock the stock rows to write, each still at the version it was read at
     * @param events the outbox messages describing the change, in order
     */
    record ReservationChange(
            Reservation reservation,
            Optional<ReservationStatus> expectedStatus,
            List<StockLevel> stock,
            List<OutboxMessage> events) {
        public ReservationChange {
            Objects.requireNonNull(reservation, "reservation");
            Objects.requireNonNull(expectedStatus, "expectedStatus");
            stock = List.copyOf(stock);
            events = List.copyOf(events);
        }
    }

    /** What a write did. */
    sealed interface WriteResult {
        /** Everything was written. */
        record Written() implements WriteResult {}

        /** A stock row changed since it was read; nothing was written. */
        record StockMoved() implements WriteResult {}

        /** The reservation exists already, or no longer has the expected status; nothing was written. */
        record ReservationMoved() implements WriteResult {}
    }
}
