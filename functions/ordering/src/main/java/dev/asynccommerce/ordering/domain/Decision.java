package dev.asynccommerce.ordering.domain;

/**
 * The order's answer to a transition: it changed (with the event to publish), it had already made
 * this very change (a repeat is a no-op with the same result), or it refused, saying why. A note
 * on the timeline is the one change that publishes nothing: {@link Noted}.
 */
public sealed interface Decision {

    record Changed(Order order, OrderEvent event) implements Decision {}

    /**
     * The order took note of something another context did (see {@link Order#note}): a new revision
     * to store, with no event, no status change and no new {@link Order#version()}.
     */
    record Noted(Order order) implements Decision {}

    record Unchanged(Order order) implements Decision {}

    record Refused(Refusal refusal) implements Decision {}
}
