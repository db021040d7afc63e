package dev.asynccommerce.inventory.application;

import dev.asynccommerce.inventory.domain.AdjustmentReason;
import dev.asynccommerce.inventory.domain.Reservation;
import dev.asynccommerce.inventory.domain.ReservationLine;
import dev.asynccommerce.inventory.domain.ReservationStatus;
import dev.asynccommerce.inventory.domain.StockChange;
import dev.asynccommerce.inventory.domain.StockLevel;
import dev.asynccommerce.kernel.Sku;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Ends a RESERVED hold in one write: the reservation's new state, each line's stock moved out of the
 * hold (back to available on a release, out of the store on a commit), one {@code InventoryAdjusted}
 * per line. Release and commit differ only in how a line moves and what the events say.
 */
final class HeldStock {
    private HeldStock() {}

    /**
     * @param move how one line leaves the hold: {@code StockLevel::release} or {@code StockLevel::pick}
     * @param onHandDelta the sign of the change as {@code InventoryAdjusted} reports it, per unit
     * @param leading events written before the per-line ones (e.g. {@code InventoryReleased})
     */
    static ReservationStore.WriteResult end(
            StockRepository stock,
            ReservationStore reservations,
            InventoryMessages messages,
            Reservation held,
            Reservation ended,
            BiFunction<StockLevel, Integer, StockLevel> move,
            AdjustmentReason reason,
            int onHandDelta,
            List<OutboxMessage> leading,
            CommandContext context) {
        Map<Sku, StockLevel> levels = stock.loadAll(held.storeId(), skus(held));
        List<StockLevel> writes = new ArrayList<>();
        List<OutboxMessage> events = new ArrayList<>(leading);
        for (ReservationLine line : held.lines()) {
            StockLevel before = levels.get(line.sku());
            StockLevel after = move.apply(before, line.quantity());
            writes.add(after);
            events.add(
                    messages.adjusted(new StockChange(before, after, reason, onHandDelta * line.quantity()), context));
        }
        return reservations.write(
                new ReservationStore.ReservationChange(ended, Optional.of(ReservationStatus.RESERVED), writes, events));
    }

    static Set<Sku> skus(Reservation reservation) {
        Set<Sku> skus = new LinkedHashSet<>();
        reservation.lines().forEach(line -> skus.add(line.sku()));
        return skus;
    }
}
