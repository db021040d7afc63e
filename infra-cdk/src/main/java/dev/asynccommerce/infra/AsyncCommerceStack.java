package dev.asynccommerce.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * The whole system in one stack (../shared/DESIGN.md): tables, the event backbone, queues, the
 * functions and their triggers, state machines, the HTTP API, store-staff sign-in, web hosting,
 * the schema registry, alarms and the dashboard. The local stack deploys this same template.
 *
 * <p>Context: {@code removalPolicy=destroy} lets {@code cdk destroy} delete the data too (retained by
 * default); {@code corsOrigins} adds allowed web origins (comma-separated) beside the stack's own.
 */
public final class AsyncCommerceStack extends Stack {
    /** The payment consumer's timeout; the payments queue's visibility timeout is six times it. */
    public static final Duration PAYMENT_CONSUMER_TIMEOUT = Duration.seconds(30);

    private final DataTables tables;
    private final Messaging messaging;
    private final StorefrontFunctions storefront;
    private final OutboxPublishing outbox;
    private final StorefrontApi api;
    private final StoreStaffAuth staff;
    private final StoreSocketApi storeSocket;
    private final WebHosting web;
    private final Workflows workflows;
    private final BopisFunctions bopis;
    private final Monitoring monitoring;

    public AsyncCommerceStack(Construct scope, String id, StackProps props, Artifacts artifacts) {
        super(scope, id, props);
        RemovalPolicy removal = "destroy".equals(getNode().tryGetContext("removalPolicy"))
                ? RemovalPolicy.DESTROY
                : RemovalPolicy.RETAIN;
        DeadLetters deadLetters = new DeadLetters();

        this.tables = new DataTables(this, "Tables", removal);
        this.messaging = new Messaging(this, "Messaging", deadLetters, PAYMENT_CONSUMER_TIMEOUT);
        this.storefront = new StorefrontFunctions(this, "Storefront", artifacts, tables);
        this.outbox = new OutboxPublishing(
                this, "Outbox", artifacts, tables.outboxTables(), messaging.bus(), messaging.relayFailureQueue());
        this.web = new WebHosting(this, "Web", removal);
        this.staff = new StoreStaffAuth(this, "StoreStaff", removal);
        this.api = new StorefrontApi(this, "Http", storefront, allowedOrigins());
        this.storeSocket = new StoreSocketApi(this, "StoreSocket", artifacts, tables.fulfillment(), staff);
        this.bopis = new BopisFunctions(
                this,
                "Bopis",
                new BopisFunctions.Inputs(
                        artifacts, tables, messaging, deadLetters, PAYMENT_CONSUMER_TIMEOUT, api, staff, storeSocket));
        this.workflows = new Workflows(this, "Workflows", artifacts.stateMachineDefinitions(), substitutions());
        new EventSchemaRegistry(this, "Schemas");
        this.monitoring = new Monitoring(
                this,
                "Monitoring",
                new Monitoring.Inputs(
                        deadLetters.all(),
                        messaging.workQueues(),
                        outbox.relay().function(),
                        List.copyOf(workflows.machines().values()),
                        api,
                        storeSocket,
                        messaging.bus(),
                        Stream.concat(messaging.rules().stream(), bopis.rules().stream())
                                .toList()));

        output("StorefrontApiUrl", api.url(), "Base URL of the storefront and store-device HTTP API");
        output("StoreSocketUrl", storeSocket.url(), "WebSocket URL store devices connect to (?storeId=...&token=...)");
        output("WebUrl", web.url(), "The web apps");
        output("ConsoleUrl", web.consoleUrl(), "The ops console");
        output(
                "AwsEndpoint",
                Fn.sub("https://{service}.${AWS::Region}.${AWS::URLSuffix}"),
                "Regional AWS endpoint pattern; replace {service} (the local stack gives one URL for all)");
        output("StoreStaffUserPoolId", staff.userPool().getUserPoolId(), "Cognito user pool of store staff");
        output("StoreDeviceClientId", staff.deviceClient().getUserPoolClientId(), "App client of store devices");
        output("EventBusName", messaging.bus().getEventBusName(), "The domain event bus");

        Aspects.of(this).add(new Guardrails());
    }

    /** The stack's own web origin, localhost for developers, and whatever the context adds. */
    private List<String> allowedOrigins() {
        List<String> origins = new ArrayList<>(List.of(web.origin(), "http://localhost:5173", "http://127.0.0.1:5173"));
        Object extra = getNode().tryGetContext("corsOrigins");
        if (extra instanceof String s && !s.isBlank()) {
            for (String origin : s.split(",")) {
                origins.add(origin.trim());
            }
        }
        return origins;
    }

    /** What a state machine may name as {@code ${Key}}: its grants follow from the names it uses. */
    private Map<String, Workflows.Target> substitutions() {
        Map<String, Workflows.Target> targets = new LinkedHashMap<>();
        targets.put("EventBusName", new Workflows.Target.Bus(messaging.bus()));
        targets.put("PaymentsQueueUrl", new Workflows.Target.Queue(messaging.paymentsQueue()));
        targets.put("OrdersTableName", new Workflows.Target.Table(tables.orders()));
        targets.put("InventoryTableName", new Workflows.Target.Table(tables.inventory()));
        targets.put("PaymentsTableName", new Workflows.Target.Table(tables.payments()));
        targets.put("FulfillmentTableName", new Workflows.Target.Table(tables.fulfillment()));
        targets.putAll(bopis.substitutions());
        return targets;
    }

    private void output(String key, String value, String description) {
        CfnOutput.Builder.create(this, key)
                .value(value)
                .description(description)
                .build();
    }

    public DataTables tables() {
        return tables;
    }

    public Messaging messaging() {
        return messaging;
    }

    public StorefrontFunctions storefront() {
        return storefront;
    }

    public OutboxPublishing outbox() {
        return outbox;
    }

    public StorefrontApi api() {
        return api;
    }

    public StoreSocketApi storeSocket() {
        return storeSocket;
    }

    public BopisFunctions bopis() {
        return bopis;
    }

    public Workflows workflows() {
        return workflows;
    }

    public Monitoring monitoring() {
        return monitoring;
    }
}
