package dev.asynccommerce.fulfillment.domain;

/** What a collection wait made of a code shown at the store. */
public sealed interface CollectionDecision {

    /** The right code: {@code collection} is collected, one version on. */
    record Collected(CollectionWait collection) implements CollectionDecision {}

    /** The right code for an order collected already: nothing changes. */
    record AlreadyCollected(CollectionWait collection) implements CollectionDecision {}

    /** Not the order's code: nothing changes. */
    record WrongCode() implements CollectionDecision {}

    /** The order was cancelled: nobody collects it. */
    record NotAwaited() implements CollectionDecision {}
}
