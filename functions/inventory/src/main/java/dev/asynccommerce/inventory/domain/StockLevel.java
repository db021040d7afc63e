package dev.asynccommerce.inventory.domain;

import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.util.Objects;

/**
 * The stock of one SKU at one store: units on hand, units reserved for orders, and the stored
 * version this state was read at.
 *
 * <p>{@code reserved} may exceed {@code onHand}: a recount can find fewer units than were already
 * promised to orders. The reservations stand (fulfilment sorts out the shortfall); nothing more is
 * available until stock arrives, hence {@link #available()} never goes below zero.
 *
 * <p>{@code version} is the optimistic-concurrency token of the stored row, {@code 0} for a row
 * that does not exist yet. Transitions keep it: a write succeeds only if the stored row still has
 * the version this state was derived from, and the store then moves it on.
 */
public record StockLevel(StoreId storeId, Sku sku, int onHand, int reserved, long version) {

    public StockLevel {
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(sku, "sku");
        if (onHand < 0) {
            throw new IllegalArgumentException("on-hand stock cannot be negative");
        }
        if (reserved < 0) {
            throw new IllegalArgumentException("reserved stock cannot be negative");
        }
        if (version < 0) {
            throw new IllegalArgumentException("a version cannot be negative");
        }
    }

    /** The stock of a SKU the store has never held: nothing on hand, nothing reserved, not stored. */
    public static StockLevel none(StoreId storeId, Sku sku) {
        return new StockLevel(storeId, sku, 0, 0, 0);
    }

    /** Units a new order could still reserve. */
    public int available() {
        return Math.max(0, onHand - reserved);
    }

    /** Whether this state was read from a stored row (rather than being a SKU never stocked). */
    public boolean isStored() {
        return version > 0;
    }

    /** Units delivered to the store: on hand grows by {@code quantity} (at least 1). */
    public StockLevel receive(int quantity) {
        if (quantity < 1) {
            throw new IllegalArgumentException("a delivery has at least one unit");
        }
        return new StockLevel(storeId, sku, Math.addExact(onHand, quantity), reserved, version);
    }

    /** A count of the shelf: on hand becomes what was counted; reservations are untouched. */
    public StockLevel recount(int counted) {
        return new StockLevel(storeId, sku, counted, reserved, version);
    }

    /** Whether an order could reserve {@code quantity} units now. */
    public boolean canReserve(int quantity) {
        return quantity <= available();
    }

    /**
     * Promises {@code quantity} units (at least 1) to an order.
     *
     * @throws IllegalStateException if fewer are available: stock is never oversold
     */
    public StockLevel reserve(int quantity) {
        requirePositive(quantity);
        if (!canReserve(quantity)) {
            throw new IllegalStateException(
                    quantity + " units of " + sku + " asked for at " + storeId + ", " + available() + " available");
        }
        return new StockLevel(storeId, sku, onHand, reserved + quantity, version);
    }

    /**
     * Gives back units an order had reserved. Never below zero reserved: a recount may already have
     * taken the units away.
     */
    public StockLevel release(int quantity) {
        requirePositive(quantity);
        return new StockLevel(storeId, sku, onHand, Math.max(0, reserved - quantity), version);
    }

    /**
     * The customer took {@code quantity} reserved units: they leave the shelf and the reservation.
     * Neither goes below zero (a recount may have found fewer than were promised).
     */
    public StockLevel pick(int quantity) {
        requirePositive(quantity);
        return new StockLevel(storeId, sku, Math.max(0, onHand - quantity), Math.max(0, reserved - quantity), version);
    }

    /** Whether {@code quantity} units could be written off as damaged: no more than are on hand. */
    public boolean canWriteOff(int quantity) {
        return quantity <= onHand;
    }

    /**
     * Units found damaged leave on hand; reservations stand.
     *
     * @throws IllegalStateException if more than are on hand
     */
    public StockLevel writeOff(int quantity) {
        requirePositive(quantity);
        if (!canWriteOff(quantity)) {
            throw new IllegalStateException(quantity + " units written off, " + onHand + " on hand");
        }
        return new StockLevel(storeId, sku, onHand - quantity, reserved, version);
    }

    private static void requirePositive(int quantity) {
        if (quantity < 1) {
            throw new IllegalArgumentException("a change moves at least one unit");
        }
    }
}
