package dev.asynccommerce.inventory.application;

import dev.asynccommerce.inventory.domain.AdjustmentReason;
import dev.asynccommerce.inventory.domain.Reservation;
import dev.asynccommerce.inventory.domain.ReservationId;
import dev.asynccommerce.inventory.domain.ReservationLine;
import dev.asynccommerce.inventory.domain.ReservationStatus;
import dev.asynccommerce.inventory.domain.ShortLine;
import dev.asynccommerce.inventory.domain.StockChange;
import dev.asynccommerce.inventory.domain.StockLevel;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reserves every line of an order at the chosen store, or none (docs/bopis-workflow.md, RESERVE).
 *
 * <p>Decided on a strongly consistent read of the stock and written in one transaction: each stock
 * row only over the version it was read at, the reservation only if it does not exist, and the
 * events ({@code InventoryReserved} and one {@code InventoryAdjusted} per line, or
 * {@code InventoryReservationFailed}) with them. A row changed by a concurrent checkout makes it
 * read again and decide again, after a jittered pause, so the last unit goes to exactly one order
 * and stock is never oversold. A refusal is stored too: repeating a reservation id answers the first
 * outcome and reserves at most once.
 */
public final class ReserveStock {
    /** Lost races before giving up with {@link StockContentionException} (the workflow retries). */
    public static final int MAX_ATTEMPTS = 10;

    /** Reserve {@code lines} at {@code storeId} under {@code reservationId}. */
    public record Command(
            ReservationId reservationId, StoreId storeId, List<ReservationLine> lines, CommandContext context)
            implements ReservationRequest {
        public Command {
            Objects.requireNonNull(reservationId, "reservationId");
            Objects.requireNonNull(storeId, "storeId");
            Objects.requireNonNull(context, "context");
            lines = List.copyOf(lines);
            Reservation.requireLines(lines);
        }
    }

    /** The answer the workflow branches on. */
    public sealed interface Outcome {
        record Reserved(ReservationId reservationId) implements Outcome {}

        record OutOfStock(List<ShortLine> shortLines) implements Outcome {
            public OutOfStock {
                shortLines = List.copyOf(shortLines);
            }
        }
    }

    private final StockRepository stock;
    private final ReservationStore reservations;
    private final InventoryMessages messages;
    private final Pause pause;

    public ReserveStock(StockRepository stock, ReservationStore reservations, InventoryMessages messages, Pause pause) {
        this.stock = Objects.requireNonNull(stock, "stock");
        this.reservations = Objects.requireNonNull(reservations, "reservations");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    /**
     * @throws ReservationMismatchException if the id was used before for another store or lines
     * @throws StockContentionException if every attempt lost a race (nothing written; retry)
     */
    public Outcome execute(Command command) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<Reservation> existing = reservations.find(command.reservationId());
            if (existing.isPresent()) {
                return answerAgain(existing.get(), command);
            }
            Set<Sku> skus = new LinkedHashSet<>();
            command.lines().forEach(line -> skus.add(line.sku()));
            Map<Sku, StockLevel> levels = stock.loadAll(command.storeId(), skus);
            Decision decision = decide(command, levels);
            switch (reservations.write(decision.change())) {
                case ReservationStore.WriteResult.Written written -> {
                    return decision.outcome();
                }
                case ReservationStore.WriteResult.ReservationMoved moved -> {
                    // A twin request got there first: the next round answers what it stored.
                }
                case ReservationStore.WriteResult.StockMoved moved -> pause.before(attempt);
            }
        }
        throw new StockContentionException("reservation " + command.reservationId() + " lost the race for stock "
                + MAX_ATTEMPTS + " times; nothing was reserved");
    }

    private record Decision(ReservationStore.ReservationChange change, Outcome outcome) {}

    private Decision decide(Command command, Map<Sku, StockLevel> levels) {
        List<ShortLine> shortLines = new ArrayList<>();
        for (ReservationLine line : command.lines()) {
            StockLevel level = levels.get(line.sku());
            if (!level.canReserve(line.quantity())) {
                shortLines.add(new ShortLine(line.sku(), line.quantity(), level.available()));
            }
        }
        CommandContext context = command.context();
        if (!shortLines.isEmpty()) {
            Reservation refused =
                    Reservation.refused(command.reservationId(), command.storeId(), command.lines(), shortLines);
            return new Decision(
                    new ReservationStore.ReservationChange(
                            refused, Optional.empty(), List.of(), List.of(messages.refused(refused, context))),
                    new Outcome.OutOfStock(shortLines));
        }
        Reservation reserved = Reservation.reserved(command.reservationId(), command.storeId(), command.lines());
        List<StockLevel> writes = new ArrayList<>();
        List<OutboxMessage> events = new ArrayList<>();
        events.add(messages.reserved(reserved, context));
        for (ReservationLine line : command.lines()) {
            StockLevel before = levels.get(line.sku());
            StockLevel after = before.reserve(line.quantity());
            writes.add(after);
            events.add(messages.adjusted(
                    new StockChange(before, after, AdjustmentReason.RESERVED, -line.quantity()), context));
        }
        return new Decision(
                new ReservationStore.ReservationChange(reserved, Optional.empty(), writes, events),
                new Outcome.Reserved(command.reservationId()));
    }

    private static Outcome answerAgain(Reservation existing, Command command) {
        if (!existing.isFor(command.storeId(), command.lines())) {
            throw new ReservationMismatchException("reservation " + command.reservationId()
                    + " was made for another store or other lines; a new attempt needs a new reservation id");
        }
        return existing.status() == ReservationStatus.REFUSED
                ? new Outcome.OutOfStock(existing.shortLines())
                : new Outcome.Reserved(existing.id());
    }
}
