package dev.asynccommerce.fulfillment.application;

/** What creating a pick task or a collection wait came to. */
public enum Creation {
    CREATED,
    /** One exists for the order already (a concurrent or repeated create): reload it. */
    ALREADY_EXISTS,
    /** The order was cancelled before: nothing was created. */
    ORDER_CANCELLED
}
