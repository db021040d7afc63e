package dev.asynccommerce.infra;

import dev.asynccommerce.events.EventSources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The functions of the BOPIS flow (docs/bopis-workflow.md) beside the storefront's: the state
 * machine's tasks, the consumers of the payments and inventory queues, and the targets of the rules
 * that start the workflow, signal it and tell customers and stores. Each function gets only its own
 * context's table, and the grants its calls need.
 *
 * <p>The state machine's ARN is built from its name rather than taken from the resource: its
 * definition names these functions, and their roles name it, which CloudFormation would otherwise see
 * as a cycle.
 */
public final class BopisFunctions extends Construct {
    /** Seconds of each wait, as the state machine reads them (DefinitionSubstitutions). */
    public static final Duration PICKUP_WINDOW = Duration.days(3);

    public static final Duration PICKUP_REMINDER_LEAD = Duration.days(1);
    public static final Duration PICKING_SLA = Duration.hours(2);
    public static final Duration PAYMENT_RETRY_WINDOW = Duration.days(1);

    static final String MACHINE = "bopis-fulfillment";
    /** Concurrent batches of the payments consumer: the provider sees at most this many callers. */
    public static final int PAYMENT_CONSUMER_CONCURRENCY = 5;

    private static final Duration TASK_TIMEOUT = Duration.seconds(30);

    private final Map<String, ServiceFunction> functions = new LinkedHashMap<>();
    private final List<Rule> rules = new ArrayList<>();
    private final Map<String, Queue> asyncFailureQueues = new LinkedHashMap<>();
    private final String machineArn;

    public record Inputs(
            Artifacts artifacts,
            DataTables tables,
            Messaging messaging,
            DeadLetters deadLetters,
            Duration paymentConsumerTimeout,
            StorefrontApi api,
            StoreStaffAuth staff,
            StoreSocketApi storeSocket) {}

    public BopisFunctions(Construct scope, String id, Inputs in) {
        super(scope, id);
        this.machineArn = Stack.of(this)
                .formatArn(ArnComponents.builder()
                        .service("states")
                        .resource("stateMachine")
                        .resourceName(Workflows.machineName(Stack.of(this), MACHINE))
                        .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                        .build());
        DataTables tables = in.tables();
        Messaging messaging = in.messaging();

        // ordering: the order's steps, the start of each execution, and the signals of a parked payment.
        Map<String, String> ordering = Map.of(
                "ORDERS_TABLE_NAME", tables.orders().getTableName(),
                "CATALOG_TABLE_NAME", tables.catalog().getTableName(),
                "PAYMENT_RETRY_WINDOW_SECONDS", seconds(PAYMENT_RETRY_WINDOW));
        ServiceFunction orderWorkflow = fn(
                in,
                "OrderWorkflow",
                "ordering",
                "dev.asynccommerce.ordering.handler.OrderWorkflowHandler",
                "BOPIS task: the order's steps (confirm, pick, ready, collect, expire, cancel, payment failed)",
                ordering,
                TASK_TIMEOUT);
        tables.orders().grantReadWriteData(orderWorkflow.function());
        grantTaskResponse(orderWorkflow);

        Map<String, String> starting = new HashMap<>(ordering);
        starting.put("BOPIS_STATE_MACHINE_ARN", machineArn);
        ServiceFunction startFulfillment = fn(
                in,
                "StartFulfillment",
                "ordering",
                "dev.asynccommerce.ordering.handler.StartFulfillmentHandler",
                "OrderPlaced (pickup) → the order's BOPIS execution, named after the order",
                starting,
                TASK_TIMEOUT);
        startFulfillment
                .function()
                .addToRolePolicy(PolicyStatement.Builder.create()
                        .actions(List.of("states:StartExecution"))
                        .resources(List.of(machineArn))
                        .build());
        rule(
                in,
                "OrderPlacedStartsFulfillment",
                List.of("commerce.ordering"),
                List.of("OrderPlaced"),
                startFulfillment);

        ServiceFunction workflowSignals = fn(
                in,
                "WorkflowSignals",
                "ordering",
                "dev.asynccommerce.ordering.handler.WorkflowSignalsHandler",
                "New payment methods resume a parked order's workflow; a cancel fails its wait",
                ordering,
                TASK_TIMEOUT);
        tables.orders().grantReadWriteData(workflowSignals.function());
        grantTaskResponse(workflowSignals);
        rule(
                in,
                "OrderSignalsToWorkflow",
                List.of("commerce.ordering"),
                List.of("OrderPaymentMethodsUpdated", "OrderCancelled"),
                workflowSignals);

        ServiceFunction paymentActivity = fn(
                in,
                "PaymentActivity",
                "ordering",
                "dev.asynccommerce.ordering.handler.PaymentActivityHandler",
                "Payment events → the order's timeline (what the customer sees of the ledger)",
                ordering,
                TASK_TIMEOUT);
        tables.orders().grantReadWriteData(paymentActivity.function());
        rule(
                in,
                "PaymentEventsToOrderTimeline",
                List.of("commerce.payments"),
                List.of(
                        "PaymentAuthorized",
                        "PaymentDeclined",
                        "PaymentFailed",
                        "PaymentCaptured",
                        "PaymentVoided",
                        "PaymentRefunded"),
                paymentActivity);

        // payments: authorization from the queue, capture / void / refund as tasks. The simulated
        // provider's median latency comes from the context (paymentSimLatencyMs; benchmarks use 300).
        Map<String, String> provider = Map.of("PAYMENT_SIM_LATENCY_MS", context("paymentSimLatencyMs", "0"));
        // Faults an operator (or the local stack's /_local/faults) injects into the simulated provider.
        provider = withAll(
                provider,
                Map.of("PAYMENT_SIM_CONDITIONS_TABLE", tables.payments().getTableName()));
        Map<String, String> payments = new HashMap<>(provider);
        payments.putAll(Map.of(
                "PAYMENTS_TABLE", tables.payments().getTableName(),
                "PAYMENTS_QUEUE_URL", messaging.paymentsQueue().getQueueUrl(),
                "PAYMENTS_MAX_RECEIVES", Integer.toString(Messaging.PAYMENT_MAX_RECEIVES)));
        ServiceFunction paymentsConsumer = fn(
                in,
                "PaymentsConsumer",
                "payments",
                "dev.asynccommerce.payments.handler.PaymentsQueueHandler",
                "Payments queue: authorizes with fallback methods and answers the workflow",
                payments,
                in.paymentConsumerTimeout());
        tables.payments().grantReadWriteData(paymentsConsumer.function());
        messaging.paymentsQueue().grantConsumeMessages(paymentsConsumer.function());
        grantTaskResponse(paymentsConsumer);
        paymentsConsumer
                .live()
                .addEventSource(SqsEventSource.Builder.create(messaging.paymentsQueue())
                        .batchSize(5)
                        .maxBatchingWindow(Duration.seconds(0))
                        .reportBatchItemFailures(true)
                        // Caps the load on the payment provider; a throttled batch would wait out the
                        // queue's visibility timeout, so this stays within the function's concurrency.
                        .maxConcurrency(PAYMENT_CONSUMER_CONCURRENCY)
                        .build());
        ServiceFunction paymentCommands = fn(
                in,
                "PaymentCommands",
                "payments",
                "dev.asynccommerce.payments.handler.PaymentCommandsHandler",
                "BOPIS task: capture, void or refund through the payment provider",
                withAll(provider, Map.of("PAYMENTS_TABLE", tables.payments().getTableName())),
                TASK_TIMEOUT);
        tables.payments().grantReadWriteData(paymentCommands.function());

        // inventory: reservations as tasks, stock administration, channel sync from the FIFO queue.
        Map<String, String> inventory =
                Map.of("INVENTORY_TABLE_NAME", tables.inventory().getTableName());
        ServiceFunction reservations = fn(
                in,
                "InventoryReservations",
                "inventory",
                "dev.asynccommerce.inventory.handler.ReservationCommandHandler",
                "BOPIS task: reserve, release or commit an order's stock at its store",
                inventory,
                TASK_TIMEOUT);
        ServiceFunction adjustStock = fn(
                in,
                "AdjustStock",
                "inventory",
                "dev.asynccommerce.inventory.handler.AdjustStockHandler",
                "POST /stores/{storeId}/stock: receive, write off or count stock",
                inventory,
                TASK_TIMEOUT);
        ServiceFunction channelSync = fn(
                in,
                "ChannelSync",
                "inventory",
                "dev.asynccommerce.inventory.handler.ChannelSyncHandler",
                "InventoryAdjusted, in order per store and SKU, into the sales channels' stock",
                inventory,
                TASK_TIMEOUT);
        for (ServiceFunction f : List.of(reservations, adjustStock, channelSync)) {
            tables.inventory().grantReadWriteData(f.function());
        }
        channelSync
                .live()
                .addEventSource(SqsEventSource.Builder.create(messaging.inventoryQueue())
                        .batchSize(10)
                        .reportBatchItemFailures(true)
                        .build());
        in.api()
                .storeRoute(
                        "/stores/{storeId}/stock",
                        HttpMethod.POST,
                        adjustStock,
                        "AdjustStock",
                        in.staff().authorizer());

        // fulfillment: pick tasks and collection waits, the store routes, and pushes to store devices.
        Map<String, String> fulfillment = Map.of(
                "FULFILLMENT_TABLE_NAME", tables.fulfillment().getTableName(),
                "STORE_SOCKET_CALLBACK_URL", in.storeSocket().callbackUrl());
        ServiceFunction fulfillmentTasks = fn(
                in,
                "FulfillmentTasks",
                "fulfillment",
                "dev.asynccommerce.fulfillment.handler.WorkflowTaskHandler",
                "BOPIS task: the store's pick task, and the wait for collection",
                fulfillment,
                TASK_TIMEOUT);
        ServiceFunction listPickTasks = fn(
                in,
                "ListPickTasks",
                "fulfillment",
                "dev.asynccommerce.fulfillment.handler.ListPickTasksHandler",
                "GET /stores/{storeId}/pick-tasks",
                fulfillment,
                TASK_TIMEOUT);
        ServiceFunction markPicked = fn(
                in,
                "MarkPicked",
                "fulfillment",
                "dev.asynccommerce.fulfillment.handler.MarkPickedHandler",
                "POST /stores/{storeId}/orders/{orderId}/picked",
                fulfillment,
                TASK_TIMEOUT);
        ServiceFunction confirmCollection = fn(
                in,
                "ConfirmCollection",
                "fulfillment",
                "dev.asynccommerce.fulfillment.handler.ConfirmCollectionHandler",
                "POST /stores/{storeId}/orders/{orderId}/collected",
                fulfillment,
                TASK_TIMEOUT);
        ServiceFunction storeNotifier = fn(
                in,
                "StoreNotifier",
                "fulfillment",
                "dev.asynccommerce.fulfillment.handler.StoreNotifierHandler",
                "PickTaskCreated and OrderCancelled → that store's connected devices",
                fulfillment,
                TASK_TIMEOUT);
        ServiceFunction storeCancellations = fn(
                in,
                "StoreCancellations",
                "fulfillment",
                "dev.asynccommerce.fulfillment.handler.OrderCancelledHandler",
                "OrderCancelled → closes the store's task and fails the workflow's wait",
                fulfillment,
                TASK_TIMEOUT);
        ServiceFunction deviceSync = fn(
                in,
                "DeviceSync",
                "fulfillment",
                "dev.asynccommerce.fulfillment.handler.DeviceSyncHandler",
                "WebSocket sync: a device that connects late gets its store's open tasks",
                fulfillment,
                TASK_TIMEOUT);
        for (ServiceFunction f : List.of(
                fulfillmentTasks, markPicked, confirmCollection, storeNotifier, storeCancellations, deviceSync)) {
            tables.fulfillment().grantReadWriteData(f.function());
        }
        // Listing a store's open tasks only queries; the notifier and sync also forget gone connections.
        tables.fulfillment().grantReadData(listPickTasks.function());
        for (ServiceFunction f : List.of(fulfillmentTasks, markPicked, confirmCollection, storeCancellations)) {
            grantTaskResponse(f);
        }
        for (ServiceFunction f : List.of(fulfillmentTasks, storeNotifier, deviceSync)) {
            in.storeSocket().grantManageConnections(f);
        }
        in.api()
                .storeRoute(
                        "/stores/{storeId}/pick-tasks",
                        HttpMethod.GET,
                        listPickTasks,
                        "ListPickTasks",
                        in.staff().authorizer());
        in.api()
                .storeRoute(
                        "/stores/{storeId}/orders/{orderId}/picked",
                        HttpMethod.POST,
                        markPicked,
                        "MarkPicked",
                        in.staff().authorizer());
        in.api()
                .storeRoute(
                        "/stores/{storeId}/orders/{orderId}/collected",
                        HttpMethod.POST,
                        confirmCollection,
                        "ConfirmCollection",
                        in.staff().authorizer());
        in.storeSocket().messageRoute("sync", deviceSync);
        rule(
                in,
                "StoreEventsToDevices",
                List.of("commerce.fulfillment", "commerce.ordering"),
                List.of("PickTaskCreated", "OrderCancelled"),
                storeNotifier);
        rule(in, "OrderCancelledToStore", List.of("commerce.ordering"), List.of("OrderCancelled"), storeCancellations);

        // notifications: customer messages on order events, and the workflow's pickup reminder.
        Map<String, String> notifications = Map.of(
                "ORDERS_TABLE", tables.orders().getTableName(),
                "NOTIFICATIONS_TABLE", tables.notifications().getTableName(),
                "NOTIFICATIONS_CHANNEL", "simulated");
        ServiceFunction notifyCustomer = fn(
                in,
                "NotifyCustomer",
                "notifications",
                "dev.asynccommerce.notifications.handler.OrderEventNotificationHandler",
                "Order events → customer messages",
                notifications,
                TASK_TIMEOUT);
        ServiceFunction pickupReminder = fn(
                in,
                "PickupReminder",
                "notifications",
                "dev.asynccommerce.notifications.handler.PickupReminderHandler",
                "BOPIS task: reminds the customer before the pickup window ends",
                notifications,
                TASK_TIMEOUT);
        for (ServiceFunction f : List.of(notifyCustomer, pickupReminder)) {
            // The order item's e-mail, read by key: notifications never scan or write the orders table.
            f.function()
                    .addToRolePolicy(PolicyStatement.Builder.create()
                            .actions(List.of("dynamodb:GetItem"))
                            .resources(List.of(tables.orders().getTableArn()))
                            .build());
            tables.notifications().grantReadWriteData(f.function());
        }
        rule(
                in,
                "OrderEventsNotifyCustomer",
                List.of("commerce.ordering"),
                List.of(
                        "OrderConfirmed",
                        "OrderReadyForPickup",
                        "OrderCancelled",
                        "OrderExpired",
                        "OrderPaymentFailed"),
                notifyCustomer);

        // audit: every domain event kept once per eventId as its aggregate's timeline (archive replays
        // included), and the dashboard's business metrics counted from it (EMF).
        ServiceFunction audit = fn(
                in,
                "EventAudit",
                "audit",
                "dev.asynccommerce.audit.handler.AuditEventHandler",
                "Every commerce event → the audit trail and the business metrics",
                Map.of("AUDIT_TABLE", tables.audit().getTableName()),
                TASK_TIMEOUT);
        // A conditional put per event: it never reads, updates or deletes.
        audit.function()
                .addToRolePolicy(PolicyStatement.Builder.create()
                        .actions(List.of("dynamodb:PutItem"))
                        .resources(List.of(tables.audit().getTableArn()))
                        .build());
        rule(in, "AllEventsToAudit", EventSources.all(), List.of(), audit);
    }

    private ServiceFunction fn(
            Inputs in,
            String id,
            String module,
            String handler,
            String description,
            Map<String, String> env,
            Duration timeout) {
        ServiceFunction function = new ServiceFunction(
                this, id, in.artifacts(), new ServiceFunction.Spec(module, handler, 1024, timeout, description, env));
        functions.put(id, function);
        return function;
    }

    /** SendTaskSuccess / SendTaskFailure for tasks of the BOPIS state machine only. */
    private void grantTaskResponse(ServiceFunction function) {
        function.function()
                .addToRolePolicy(PolicyStatement.Builder.create()
                        .actions(
                                List.of("states:SendTaskSuccess", "states:SendTaskFailure", "states:SendTaskHeartbeat"))
                        .resources(List.of(machineArn))
                        .build());
    }

    /**
     * A rule on the domain bus that invokes {@code target}'s live alias. Two failures, two queues:
     * EventBridge retries a delivery Lambda refuses (throttled, unavailable) for a day, then keeps
     * the event in the rule's own dead-letter queue; once Lambda has accepted the event (the
     * invocation is asynchronous), a function error is Lambda's to retry, and what still fails goes to
     * the function's asynchronous failure queue.
     */
    private Rule rule(Inputs in, String id, List<String> sources, List<String> detailTypes, ServiceFunction target) {
        asyncFailureQueue(in, target);
        Queue dlq = in.deadLetters().create(this, id + "Dlq", false);
        Rule rule = Rule.Builder.create(this, id)
                .eventBus(in.messaging().bus())
                .description((detailTypes.isEmpty()
                                ? "every event of " + String.join(", ", sources)
                                : String.join(", ", detailTypes))
                        + " → " + target.getNode().getId())
                // No detail-types: every event of the sources.
                .eventPattern(
                        detailTypes.isEmpty()
                                ? EventPattern.builder().source(sources).build()
                                : EventPattern.builder()
                                        .source(sources)
                                        .detailType(detailTypes)
                                        .build())
                .targets(List.of(LambdaFunction.Builder.create(target.live())
                        .deadLetterQueue(dlq)
                        .retryAttempts(185)
                        .maxEventAge(Duration.hours(24))
                        .build()))
                .build();
        rules.add(rule);
        return rule;
    }

    /** One failure queue per asynchronously invoked function, however many rules target it. */
    private Queue asyncFailureQueue(Inputs in, ServiceFunction target) {
        return asyncFailureQueues.computeIfAbsent(target.getNode().getId(), name -> {
            Queue failures = in.deadLetters().create(this, name + "AsyncFailureQueue", false);
            target.sendAsyncFailuresTo(failures);
            return failures;
        });
    }

    private String context(String key, String fallback) {
        Object value = getNode().tryGetContext(key);
        return value == null ? fallback : value.toString();
    }

    private static Map<String, String> withAll(Map<String, String> first, Map<String, String> second) {
        Map<String, String> all = new HashMap<>(first);
        all.putAll(second);
        return all;
    }

    private static String seconds(Duration duration) {
        return Long.toString((long) duration.toSeconds().doubleValue());
    }

    /** What the BOPIS state machine names as {@code ${Key}} (functions and timings). */
    public Map<String, Workflows.Target> substitutions() {
        Map<String, Workflows.Target> targets = new LinkedHashMap<>();
        targets.put(
                "OrderWorkflowFunction",
                new Workflows.Target.Function(functions.get("OrderWorkflow").live()));
        targets.put(
                "PaymentCommandsFunction",
                new Workflows.Target.Function(functions.get("PaymentCommands").live()));
        targets.put(
                "InventoryReservationsFunction",
                new Workflows.Target.Function(
                        functions.get("InventoryReservations").live()));
        targets.put(
                "FulfillmentTasksFunction",
                new Workflows.Target.Function(functions.get("FulfillmentTasks").live()));
        targets.put(
                "NotificationsFunction",
                new Workflows.Target.Function(functions.get("PickupReminder").live()));
        targets.put("PaymentRetryWindowSeconds", new Workflows.Target.Value(seconds(PAYMENT_RETRY_WINDOW)));
        targets.put("PickingSlaSeconds", new Workflows.Target.Value(seconds(PICKING_SLA)));
        targets.put("PickupFirstWaitSeconds", new Workflows.Target.Value(Long.toString((long)
                (PICKUP_WINDOW.toSeconds().doubleValue()
                        - PICKUP_REMINDER_LEAD.toSeconds().doubleValue()))));
        targets.put("PickupReminderLeadSeconds", new Workflows.Target.Value(seconds(PICKUP_REMINDER_LEAD)));
        return targets;
    }

    public Map<String, ServiceFunction> functions() {
        return Map.copyOf(functions);
    }

    public List<Rule> rules() {
        return List.copyOf(rules);
    }

    public String machineArn() {
        return machineArn;
    }
}
