package dev.asynccommerce.notifications.domain;

import java.util.Arrays;

/**
 * Why an order was cancelled, as OrderCancelled names it, with the sentence the customer reads. The
 * operator-facing names never reach the customer.
 */
public enum CancellationReason {
    CUSTOMER_REQUESTED("We cancelled it as you asked."),
    SHORT_PICK("The store could not find every item you ordered."),
    OUT_OF_STOCK("Some of the items are no longer in stock at the store."),
    STORE_UNAVAILABLE("The store could not prepare it in time."),
    PAYMENT_FAILED("We could not take payment for it."),
    OPERATOR("Our customer service team cancelled it."),
    /** A reason this version does not know yet: the customer still gets a sensible message. */
    OTHER("It could not be completed.");

    private final String forCustomer;

    CancellationReason(String forCustomer) {
        this.forCustomer = forCustomer;
    }

    public String forCustomer() {
        return forCustomer;
    }

    public static CancellationReason fromEventName(String name) {
        return Arrays.stream(values())
                .filter(r -> r != OTHER && r.name().equals(name))
                .findFirst()
                .orElse(OTHER);
    }
}
