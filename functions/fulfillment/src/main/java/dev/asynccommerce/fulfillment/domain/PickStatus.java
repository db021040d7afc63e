package dev.asynccommerce.fulfillment.domain;

/** Where a pick task stands: open until the store reports or the order is cancelled. */
public enum PickStatus {
    OPEN,
    PICKED,
    SHORT_PICKED,
    CANCELLED;

    public boolean isOpen() {
        return this == OPEN;
    }
}
