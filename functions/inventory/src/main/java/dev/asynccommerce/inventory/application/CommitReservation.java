package dev.asynccommerce.inventory.application;

import dev.asynccommerce.inventory.domain.AdjustmentReason;
import dev.asynccommerce.inventory.domain.Reservation;
import dev.asynccommerce.inventory.domain.ReservationId;
import dev.asynccommerce.inventory.domain.ReservationStatus;
import dev.asynccommerce.inventory.domain.StockLevel;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The customer took the goods (docs/bopis-workflow.md, COMMIT): {@code RESERVED → COMMITTED}, on
 * hand and reserved both down by each line, with one {@code InventoryAdjusted} ({@code PICKED})
 * per line in the same transaction. Idempotent: committing a committed reservation writes nothing.
 */
public final class CommitReservation {
    public static final int MAX_ATTEMPTS = 10;

    public record Command(ReservationId reservationId, CommandContext context) implements ReservationRequest {
        public Command {
            Objects.requireNonNull(reservationId, "reservationId");
            Objects.requireNonNull(context, "context");
        }
    }

    /** Committed; {@code committedNow} is false when it was committed before. */
    public record Outcome(boolean committedNow) {}

    private final StockRepository stock;
    private final ReservationStore reservations;
    private final InventoryMessages messages;
    private final Pause pause;

    public CommitReservation(
            StockRepository stock, ReservationStore reservations, InventoryMessages messages, Pause pause) {
        this.stock = Objects.requireNonNull(stock, "stock");
        this.reservations = Objects.requireNonNull(reservations, "reservations");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    /**
     * @throws ReservationNotHeldException if the reservation is unknown, refused or released
     * @throws StockContentionException if every attempt lost a race (nothing written; retry)
     */
    public Outcome execute(Command command) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<Reservation> found = reservations.find(command.reservationId());
            if (found.isEmpty()) {
                throw new ReservationNotHeldException("reservation " + command.reservationId() + " is not known");
            }
            Reservation held = found.get();
            if (held.status() == ReservationStatus.COMMITTED) {
                return new Outcome(false);
            }
            if (!held.holdsStock()) {
                throw new ReservationNotHeldException(
                        "reservation " + command.reservationId() + " is " + held.status() + "; only RESERVED commits");
            }
            ReservationStore.WriteResult result = HeldStock.end(
                    stock,
                    reservations,
                    messages,
                    held,
                    held.commit(),
                    StockLevel::pick,
                    AdjustmentReason.PICKED,
                    -1,
                    List.of(),
                    command.context());
            switch (result) {
                case ReservationStore.WriteResult.Written written -> {
                    return new Outcome(true);
                }
                case ReservationStore.WriteResult.ReservationMoved moved -> {
                    // Committed or released meanwhile: the next round sees which.
                }
                case ReservationStore.WriteResult.StockMoved moved -> pause.before(attempt);
            }
        }
        throw new StockContentionException("committing " + command.reservationId() + " lost the race for stock "
                + MAX_ATTEMPTS + " times; nothing was committed");
    }
}
