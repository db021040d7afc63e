package dev.asynccommerce.infra;

import java.util.List;

/**
 * What the stack is expected to hold, counted in one place: a new function, rule or queue changes a
 * line here, and the tests that count follow.
 */
final class Topology {
    private Topology() {}

    /** One function per handler. */
    static final List<String> HANDLERS = List.of(
            "dev.asynccommerce.ordering.handler.PlaceOrderHandler::handleRequest",
            "dev.asynccommerce.ordering.handler.GetOrderHandler::handleRequest",
            "dev.asynccommerce.ordering.handler.CancelOrderHandler::handleRequest",
            "dev.asynccommerce.ordering.handler.ReplacePaymentMethodsHandler::handleRequest",
            "dev.asynccommerce.catalog.handler.ListCatalogItemsHandler::handleRequest",
            "dev.asynccommerce.catalog.handler.ListStoresHandler::handleRequest",
            "dev.asynccommerce.inventory.handler.GetAvailabilityHandler::handleRequest",
            "dev.asynccommerce.relay.handler.OutboxRelayHandler::handleRequest",
            "dev.asynccommerce.fulfillment.handler.DeviceConnectHandler::handleRequest",
            "dev.asynccommerce.fulfillment.handler.DeviceDisconnectHandler::handleRequest",
            "dev.asynccommerce.ordering.handler.OrderWorkflowHandler::handleRequest",
            "dev.asynccommerce.ordering.handler.StartFulfillmentHandler::handleRequest",
            "dev.asynccommerce.ordering.handler.WorkflowSignalsHandler::handleRequest",
            "dev.asynccommerce.ordering.handler.PaymentActivityHandler::handleRequest",
            "dev.asynccommerce.payments.handler.PaymentsQueueHandler::handleRequest",
            "dev.asynccommerce.payments.handler.PaymentCommandsHandler::handleRequest",
            "dev.asynccommerce.inventory.handler.ReservationCommandHandler::handleRequest",
            "dev.asynccommerce.inventory.handler.AdjustStockHandler::handleRequest",
            "dev.asynccommerce.inventory.handler.ChannelSyncHandler::handleRequest",
            "dev.asynccommerce.fulfillment.handler.WorkflowTaskHandler::handleRequest",
            "dev.asynccommerce.fulfillment.handler.ListPickTasksHandler::handleRequest",
            "dev.asynccommerce.fulfillment.handler.MarkPickedHandler::handleRequest",
            "dev.asynccommerce.fulfillment.handler.ConfirmCollectionHandler::handleRequest",
            "dev.asynccommerce.fulfillment.handler.StoreNotifierHandler::handleRequest",
            "dev.asynccommerce.fulfillment.handler.OrderCancelledHandler::handleRequest",
            "dev.asynccommerce.fulfillment.handler.DeviceSyncHandler::handleRequest",
            "dev.asynccommerce.notifications.handler.OrderEventNotificationHandler::handleRequest",
            "dev.asynccommerce.notifications.handler.PickupReminderHandler::handleRequest",
            "dev.asynccommerce.audit.handler.AuditEventHandler::handleRequest");

    /**
     * Functions EventBridge rules invoke (asynchronously), by construct path prefix of their live
     * alias; each has one rule today.
     */
    static final List<String> ASYNC_INVOKED_FUNCTIONS = List.of(
            "BopisStartFulfillment",
            "BopisWorkflowSignals",
            "BopisPaymentActivity",
            "BopisStoreNotifier",
            "BopisStoreCancellations",
            "BopisNotifyCustomer",
            "BopisEventAudit");

    /** Rules whose target is a function; each has its own target dead-letter queue. */
    static final int RULES_INVOKING_FUNCTIONS = 7;

    /** Of the messaging backbone: payments failure queue, inventory FIFO DLQ, relay failures, inventory rule DLQ. */
    static final int MESSAGING_DEAD_LETTER_QUEUES = 4;

    /** Every dead-letter queue and failure destination, each alarmed when not empty. */
    static final int DEAD_LETTER_QUEUES =
            MESSAGING_DEAD_LETTER_QUEUES + RULES_INVOKING_FUNCTIONS + ASYNC_INVOKED_FUNCTIONS.size();
}
