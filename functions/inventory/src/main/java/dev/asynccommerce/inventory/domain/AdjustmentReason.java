package dev.asynccommerce.inventory.domain;

/** What changed the stock of a SKU at a store; the {@code reason} values of {@code InventoryAdjusted}. */
public enum AdjustmentReason {
    /** A delivery: on hand grows. */
    RECEIVED,
    /** An order reserved units: available shrinks. */
    RESERVED,
    /** A reservation was released: available grows again. */
    RELEASED,
    /** The customer took reserved units: on hand and reserved both shrink. */
    PICKED,
    /** A count of the shelf set on hand. */
    CORRECTION,
    /** Units were found damaged and written off: on hand shrinks. */
    DAMAGED
}
