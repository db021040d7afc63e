package dev.asynccommerce.inventory.application;

import dev.asynccommerce.inventory.domain.AdjustmentReason;
import dev.asynccommerce.inventory.domain.Reservation;
import dev.asynccommerce.inventory.domain.ReservationId;
import dev.asynccommerce.inventory.domain.ReservationStatus;
import dev.asynccommerce.inventory.domain.StockLevel;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Gives a reservation's stock back (docs/bopis-workflow.md, RELEASE): {@code RESERVED → RELEASED},
 * reserved units down, with {@code InventoryReleased} and one {@code InventoryAdjusted} per line in
 * the same transaction. Idempotent: a reservation that holds nothing (unknown, refused, released,
 * committed) is released already, and nothing is written.
 */
public final class ReleaseReservation {
    public static final int MAX_ATTEMPTS = 10;
    public static final String DEFAULT_REASON = "released by the order workflow";

    private static final Pattern REASON = Pattern.compile("[^\\x00-\\x1F\\x7F]{1,200}");

    /** Release {@code reservationId}; {@code reason} is for operators (1..200 printable characters). */
    public record Command(ReservationId reservationId, String reason, CommandContext context)
            implements ReservationRequest {
        public Command {
            Objects.requireNonNull(reservationId, "reservationId");
            Objects.requireNonNull(context, "context");
            if (!isValidReason(reason)) {
                throw new IllegalArgumentException(
                        "a release reason is 1 to 200 characters without control characters");
            }
        }
    }

    public static boolean isValidReason(String reason) {
        return reason != null && REASON.matcher(reason).matches();
    }

    /** What releasing did: {@code releasedNow} is false when there was nothing left to release. */
    public record Outcome(boolean releasedNow, Optional<ReservationStatus> statusBefore) {}

    private final StockRepository stock;
    private final ReservationStore reservations;
    private final InventoryMessages messages;
    private final Pause pause;

    public ReleaseReservation(
            StockRepository stock, ReservationStore reservations, InventoryMessages messages, Pause pause) {
        this.stock = Objects.requireNonNull(stock, "stock");
        this.reservations = Objects.requireNonNull(reservations, "reservations");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    /**
     * @throws StockContentionException if every attempt lost a race (nothing written; retry)
     */
    public Outcome execute(Command command) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<Reservation> found = reservations.find(command.reservationId());
            if (found.isEmpty() || !found.get().holdsStock()) {
                return new Outcome(false, found.map(Reservation::status));
            }
            Reservation held = found.get();
            Reservation released = held.release();
            ReservationStore.WriteResult result = HeldStock.end(
                    stock,
                    reservations,
                    messages,
                    held,
                    released,
                    StockLevel::release,
                    AdjustmentReason.RELEASED,
                    1,
                    List.of(messages.released(released, command.reason(), command.context())),
                    command.context());
            switch (result) {
                case ReservationStore.WriteResult.Written written -> {
                    return new Outcome(true, Optional.of(ReservationStatus.RESERVED));
                }
                case ReservationStore.WriteResult.ReservationMoved moved -> {
                    // Released or committed meanwhile: the next round sees it and answers.
                }
                case ReservationStore.WriteResult.StockMoved moved -> pause.before(attempt);
            }
        }
        throw new StockContentionException("releasing " + command.reservationId() + " lost the race for stock "
                + MAX_ATTEMPTS + " times; nothing was released");
    }
}
