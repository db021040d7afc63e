package dev.asynccommerce.ordering.application;

/** Starts the pickup workflow of an order. */
public interface FulfillmentWorkflows {

    /**
     * Starts the workflow named {@code orderId} with {@code inputJson}; answers false when one of that
     * name already exists (a duplicate event), which is not an error.
     */
    boolean start(String orderId, String inputJson);
}
