package dev.asynccommerce.ordering;

import dev.asynccommerce.ordering.adapter.dynamodb.DynamoDbCatalog;
import dev.asynccommerce.ordering.adapter.dynamodb.DynamoDbOrderRepository;
import dev.asynccommerce.ordering.adapter.dynamodb.DynamoDbPaymentWaits;
import dev.asynccommerce.ordering.adapter.random.SecureIdentities;
import dev.asynccommerce.ordering.adapter.stepfunctions.StepFunctionsCallbacks;
import dev.asynccommerce.ordering.adapter.stepfunctions.StepFunctionsWorkflows;
import dev.asynccommerce.ordering.application.AdvanceOrder;
import dev.asynccommerce.ordering.application.CancelOrder;
import dev.asynccommerce.ordering.application.Catalog;
import dev.asynccommerce.ordering.application.FailPayment;
import dev.asynccommerce.ordering.application.FulfillmentWorkflows;
import dev.asynccommerce.ordering.application.GetOrder;
import dev.asynccommerce.ordering.application.Identities;
import dev.asynccommerce.ordering.application.OrderChanges;
import dev.asynccommerce.ordering.application.OrderMessages;
import dev.asynccommerce.ordering.application.OrderRepository;
import dev.asynccommerce.ordering.application.PaymentWaits;
import dev.asynccommerce.ordering.application.PlaceOrder;
import dev.asynccommerce.ordering.application.RecordPaymentActivity;
import dev.asynccommerce.ordering.application.ReplacePaymentMethods;
import dev.asynccommerce.ordering.application.StartFulfillment;
import dev.asynccommerce.ordering.application.WorkflowCallbacks;
import dev.asynccommerce.ordering.application.WorkflowSignals;
import dev.asynccommerce.platform.aws.AwsClients;
import dev.asynccommerce.platform.aws.Environment;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The ordering context's composition root: reads the environment once ({@code ORDERS_TABLE_NAME},
 * {@code CATALOG_TABLE_NAME}; for the workflow's functions {@code BOPIS_STATE_MACHINE_ARN} and {@code
 * PAYMENT_RETRY_WINDOW_SECONDS}), builds the clients and the use cases. Built once per Lambda
 * execution environment (before SnapStart's snapshot), never per request.
 */
public final class OrderingWiring {
    private final PlaceOrder placeOrder;
    private final GetOrder getOrder;
    private final CancelOrder cancelOrder;
    private final ReplacePaymentMethods replacePaymentMethods;
    private final AdvanceOrder advanceOrder;
    private final FailPayment failPayment;
    private final WorkflowSignals workflowSignals;
    private final StartFulfillment startFulfillment;
    private final RecordPaymentActivity recordPaymentActivity;

    /** What the pickup workflow's side of ordering talks to. */
    public record WorkflowPorts(
            PaymentWaits paymentWaits,
            WorkflowCallbacks callbacks,
            FulfillmentWorkflows workflows,
            Duration paymentRetryWindow) {}

    public OrderingWiring(
            OrderRepository orders, Catalog catalog, Identities identities, Clock clock, WorkflowPorts workflow) {
        OrderMessages messages = new OrderMessages(identities);
        OrderChanges changes = new OrderChanges(orders, messages);
        this.placeOrder = new PlaceOrder(orders, catalog, identities, messages, clock);
        this.getOrder = new GetOrder(orders);
        this.cancelOrder = new CancelOrder(changes, clock);
        this.replacePaymentMethods = new ReplacePaymentMethods(changes, clock);
        this.advanceOrder = new AdvanceOrder(changes, identities, clock);
        this.failPayment = new FailPayment(
                changes, workflow.paymentWaits(), workflow.callbacks(), workflow.paymentRetryWindow(), clock);
        this.workflowSignals = new WorkflowSignals(workflow.paymentWaits(), workflow.callbacks());
        this.startFulfillment = new StartFulfillment(workflow.workflows());
        this.recordPaymentActivity = new RecordPaymentActivity(changes);
    }

    public static OrderingWiring fromEnvironment() {
        SfnClient sfn = SfnClient.builder()
                .httpClient(AwsClients.httpClient())
                .overrideConfiguration(AwsClients.overrides())
                .build();
        return fromEnvironment(Environment.system(), AwsClients.dynamoDb(), sfn, Clock.systemUTC());
    }

    public static OrderingWiring fromEnvironment(Environment env, DynamoDbClient dynamoDb, SfnClient sfn, Clock clock) {
        DynamoDbEnhancedClient enhanced =
                DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build();
        String ordersTable = env.require("ORDERS_TABLE_NAME");
        return new OrderingWiring(
                new DynamoDbOrderRepository(enhanced, ordersTable, clock),
                new DynamoDbCatalog(enhanced, env.require("CATALOG_TABLE_NAME")),
                new SecureIdentities(),
                clock,
                new WorkflowPorts(
                        new DynamoDbPaymentWaits(dynamoDb, ordersTable, clock),
                        new StepFunctionsCallbacks(sfn),
                        // Only the function that starts the workflow is given its ARN.
                        new StepFunctionsWorkflows(sfn, env.getOrDefault("BOPIS_STATE_MACHINE_ARN", null)),
                        Duration.ofSeconds(Long.parseLong(env.getOrDefault("PAYMENT_RETRY_WINDOW_SECONDS", "86400")))));
    }

    public PlaceOrder placeOrder() {
        return placeOrder;
    }

    public GetOrder getOrder() {
        return getOrder;
    }

    public CancelOrder cancelOrder() {
        return cancelOrder;
    }

    public ReplacePaymentMethods replacePaymentMethods() {
        return replacePaymentMethods;
    }

    public AdvanceOrder advanceOrder() {
        return advanceOrder;
    }

    public FailPayment failPayment() {
        return failPayment;
    }

    public WorkflowSignals workflowSignals() {
        return workflowSignals;
    }

    public StartFulfillment startFulfillment() {
        return startFulfillment;
    }

    public RecordPaymentActivity recordPaymentActivity() {
        return recordPaymentActivity;
    }
}
