package dev.asynccommerce.events;

import java.util.List;

/** The EventBridge {@code source} of each context that emits events: {@code commerce.<context>}. */
public final class EventSources {
    public static final String ORDERING = "commerce.ordering";
    public static final String PAYMENTS = "commerce.payments";
    public static final String INVENTORY = "commerce.inventory";
    public static final String FULFILLMENT = "commerce.fulfillment";
    public static final String NOTIFICATIONS = "commerce.notifications";

    private EventSources() {}

    public static List<String> all() {
        return List.of(ORDERING, PAYMENTS, INVENTORY, FULFILLMENT, NOTIFICATIONS);
    }
}
