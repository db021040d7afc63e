package dev.asynccommerce.inventory.domain;

import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An order's claim on a store's stock: all of its lines, or (refused) none of them.
 *
 * <p>Transitions exist only where they are legal: {@code RESERVED → RELEASED} and
 * {@code RESERVED → COMMITTED}. A refusal keeps the lines that were short, so a repeated request
 * answers the same refusal instead of trying again.
 */
public record Reservation(
        ReservationId id,
        StoreId storeId,
        List<ReservationLine> lines,
        ReservationStatus status,
        List<ShortLine> shortLines) {
    /** An order has at most this many lines (one per SKU). */
    public static final int MAX_LINES = 50;

    public Reservation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(status, "status");
        lines = List.copyOf(lines);
        shortLines = List.copyOf(shortLines);
        requireLines(lines);
        if ((status == ReservationStatus.REFUSED) == shortLines.isEmpty()) {
            throw new IllegalArgumentException("a refused reservation, and only that, names its short lines");
        }
    }

    /** A reservation holding every line. */
    public static Reservation reserved(ReservationId id, StoreId storeId, List<ReservationLine> lines) {
        return new Reservation(id, storeId, lines, ReservationStatus.RESERVED, List.of());
    }

    /** A reservation the store could not supply: nothing held. */
    public static Reservation refused(
            ReservationId id, StoreId storeId, List<ReservationLine> lines, List<ShortLine> shortLines) {
        return new Reservation(id, storeId, lines, ReservationStatus.REFUSED, shortLines);
    }

    /** 1 to {@value #MAX_LINES} lines, each SKU once. */
    public static void requireLines(List<ReservationLine> lines) {
        if (lines.isEmpty() || lines.size() > MAX_LINES) {
            throw new IllegalArgumentException("a reservation has 1 to " + MAX_LINES + " lines");
        }
        Set<Sku> skus = new HashSet<>();
        for (ReservationLine line : lines) {
            if (!skus.add(line.sku())) {
                throw new IllegalArgumentException("a reservation names each SKU once");
            }
        }
    }

    public boolean holdsStock() {
        return status == ReservationStatus.RESERVED;
    }

    /** Whether a request for these lines at this store is the one this reservation answered. */
    public boolean isFor(StoreId store, List<ReservationLine> requested) {
        return storeId.equals(store) && Set.copyOf(lines).equals(Set.copyOf(requested));
    }

    public Reservation release() {
        return moveTo(ReservationStatus.RELEASED);
    }

    public Reservation commit() {
        return moveTo(ReservationStatus.COMMITTED);
    }

    private Reservation moveTo(ReservationStatus next) {
        if (!holdsStock()) {
            throw new IllegalStateException("reservation " + id + " is " + status + ", not RESERVED");
        }
        return new Reservation(id, storeId, lines, next, List.of());
    }
}
