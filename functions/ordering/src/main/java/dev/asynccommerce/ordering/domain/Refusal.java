package dev.asynccommerce.ordering.domain;

/** Why the order refused a transition: a business answer, not an error. */
public record Refusal(Reason reason, String message) {

    public enum Reason {
        /** The transition does not exist from the order's current status. */
        ILLEGAL_TRANSITION,
        /** The order has ended (collected, cancelled or expired); nothing more happens to it. */
        ALREADY_ENDED,
        WRONG_PICKUP_CODE,
        MIXED_CURRENCIES
    }

    static Refusal illegal(OrderStatus from, String transition) {
        return new Refusal(Reason.ILLEGAL_TRANSITION, "cannot " + transition + " an order that is " + from);
    }

    static Refusal ended(OrderStatus status) {
        return new Refusal(Reason.ALREADY_ENDED, "the order is already " + status);
    }
}
