package dev.asynccommerce.ordering.application;

import dev.asynccommerce.events.EventJson;
import dev.asynccommerce.events.OrderPlaced;

/**
 * Starts an order's pickup workflow from its {@code OrderPlaced} event, named after the order: a
 * duplicate event (EventBridge delivers at least once) finds the execution there and starts nothing.
 * The workflow gets the whole event: its input is the published contract, nothing of ours.
 */
public final class StartFulfillment {
    /** What became of the event. */
    public enum Effect {
        STARTED,
        ALREADY_STARTED
    }

    private final FulfillmentWorkflows workflows;

    public StartFulfillment(FulfillmentWorkflows workflows) {
        this.workflows = workflows;
    }

    /**
     * @throws dev.asynccommerce.events.InvalidEventException if it is not a valid commerce event
     * @throws IllegalArgumentException if it is another event than {@code OrderPlaced}
     */
    public Effect handle(String eventBridgeEventJson) {
        if (!(EventJson.readEventBridgeEvent(eventBridgeEventJson).data() instanceof OrderPlaced placed)) {
            throw new IllegalArgumentException("not an OrderPlaced event");
        }
        // Every order is a pickup today (the schema allows nothing else); the rule matches PICKUP too.
        return workflows.start(placed.orderId(), eventBridgeEventJson) ? Effect.STARTED : Effect.ALREADY_STARTED;
    }
}
