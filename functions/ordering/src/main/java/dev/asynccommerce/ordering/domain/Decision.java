package dev.asynccommerce.ordering.domain;

/**
 * The order's answer to a transition: it changed (with the event to publish), it had already made
 * this very change (a repeat is a no-op with the same result), or it refused, saying why.
 */
public sealed interface Decision {

    record Changed(Order order, OrderEvent event) implements Decision {}

    record Unchanged(Order order) implements Decision {}

    record Refused(Refusal refusal) implements Decision {}
}
