package dev.asynccommerce.fulfillment;

import dev.asynccommerce.fulfillment.adapter.apigateway.ApiGatewayDevicePush;
import dev.asynccommerce.fulfillment.adapter.dynamodb.DynamoDbCancelledOrders;
import dev.asynccommerce.fulfillment.adapter.dynamodb.DynamoDbCollectionWaits;
import dev.asynccommerce.fulfillment.adapter.dynamodb.DynamoDbDeviceConnections;
import dev.asynccommerce.fulfillment.adapter.dynamodb.DynamoDbInbox;
import dev.asynccommerce.fulfillment.adapter.dynamodb.DynamoDbPickTasks;
import dev.asynccommerce.fulfillment.adapter.jwt.CognitoTokenVerifier;
import dev.asynccommerce.fulfillment.adapter.random.RandomEventIds;
import dev.asynccommerce.fulfillment.adapter.stepfunctions.StepFunctionsCallbacks;
import dev.asynccommerce.fulfillment.application.AwaitCollection;
import dev.asynccommerce.fulfillment.application.CancelFulfillment;
import dev.asynccommerce.fulfillment.application.CancelledOrders;
import dev.asynccommerce.fulfillment.application.CollectionWaits;
import dev.asynccommerce.fulfillment.application.ConfirmCollection;
import dev.asynccommerce.fulfillment.application.ConnectDevice;
import dev.asynccommerce.fulfillment.application.CreatePickTask;
import dev.asynccommerce.fulfillment.application.DeviceConnections;
import dev.asynccommerce.fulfillment.application.DevicePush;
import dev.asynccommerce.fulfillment.application.DisconnectDevice;
import dev.asynccommerce.fulfillment.application.EventIds;
import dev.asynccommerce.fulfillment.application.FulfillmentMessages;
import dev.asynccommerce.fulfillment.application.Inbox;
import dev.asynccommerce.fulfillment.application.ListOpenPickTasks;
import dev.asynccommerce.fulfillment.application.NotifyStore;
import dev.asynccommerce.fulfillment.application.PickTasks;
import dev.asynccommerce.fulfillment.application.ReportPick;
import dev.asynccommerce.fulfillment.application.StaffTokens;
import dev.asynccommerce.fulfillment.application.StoreDevices;
import dev.asynccommerce.fulfillment.application.SyncDevice;
import dev.asynccommerce.fulfillment.application.WorkflowCallbacks;
import dev.asynccommerce.fulfillment.domain.TaskToken;
import dev.asynccommerce.platform.aws.AwsClients;
import dev.asynccommerce.platform.aws.Environment;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The fulfillment context's composition root: reads the environment once, builds the clients and
 * the use cases. Built once per Lambda execution environment (before SnapStart's snapshot), never
 * per request.
 *
 * <p>Every fulfillment function shares this root but needs only part of it: {@code
 * FULFILLMENT_TABLE_NAME} is required by all; {@code STAFF_TOKEN_ISSUER} and {@code
 * STAFF_TOKEN_AUDIENCE} only by {@code $connect}; {@code STORE_SOCKET_CALLBACK_URL} (the WebSocket
 * stage's {@code https://<api>.execute-api.<region>.amazonaws.com/<stage>}) only by the functions
 * that push. Those adapters are therefore built on first use, and a function missing one fails on
 * its first use of it with the variable's name, while the others run without it. The staff pool's
 * keys are fetched on first use too, so no snapshot holds a connection.
 */
public final class FulfillmentWiring {
    private final ConnectDevice connectDevice;
    private final DisconnectDevice disconnectDevice;
    private final CreatePickTask createPickTask;
    private final AwaitCollection awaitCollection;
    private final ListOpenPickTasks listOpenPickTasks;
    private final ReportPick reportPick;
    private final ConfirmCollection confirmCollection;
    private final NotifyStore notifyStore;
    private final CancelFulfillment cancelFulfillment;
    private final SyncDevice syncDevice;

    /** The adapters behind the ports: DynamoDB, Step Functions and API Gateway, or in-memory fakes. */
    public record Adapters(
            DeviceConnections connections,
            StaffTokens staffTokens,
            PickTasks pickTasks,
            CollectionWaits collectionWaits,
            CancelledOrders cancelledOrders,
            Inbox inbox,
            WorkflowCallbacks callbacks,
            DevicePush push,
            EventIds eventIds) {}

    public FulfillmentWiring(Adapters adapters, Clock clock) {
        FulfillmentMessages messages = new FulfillmentMessages(adapters.eventIds());
        StoreDevices devices = new StoreDevices(adapters.connections(), adapters.push());
        this.connectDevice = new ConnectDevice(adapters.staffTokens(), adapters.connections(), clock);
        this.disconnectDevice = new DisconnectDevice(adapters.connections());
        this.createPickTask = new CreatePickTask(
                adapters.pickTasks(), messages, adapters.callbacks(), adapters.cancelledOrders(), devices, clock);
        this.awaitCollection = new AwaitCollection(
                adapters.collectionWaits(), adapters.callbacks(), adapters.cancelledOrders(), clock);
        this.listOpenPickTasks = new ListOpenPickTasks(adapters.pickTasks());
        this.reportPick = new ReportPick(adapters.pickTasks(), messages, adapters.callbacks(), clock);
        this.confirmCollection = new ConfirmCollection(adapters.collectionWaits(), adapters.callbacks(), clock);
        this.notifyStore = new NotifyStore(adapters.inbox(), devices, clock);
        this.cancelFulfillment = new CancelFulfillment(
                adapters.cancelledOrders(),
                adapters.pickTasks(),
                adapters.collectionWaits(),
                adapters.callbacks(),
                clock);
        this.syncDevice = new SyncDevice(adapters.connections(), adapters.pickTasks(), devices);
    }

    public static FulfillmentWiring fromEnvironment() {
        return fromEnvironment(Environment.system(), AwsClients.dynamoDb(), jwksClient(), Clock.systemUTC());
    }

    public static FulfillmentWiring fromEnvironment(
            Environment env, DynamoDbClient dynamoDb, HttpClient http, Clock clock) {
        String table = env.require("FULFILLMENT_TABLE_NAME");
        Supplier<StaffTokens> tokens = once(() -> new CognitoTokenVerifier(
                env.require("STAFF_TOKEN_ISSUER"), env.require("STAFF_TOKEN_AUDIENCE"), http, clock));
        Supplier<WorkflowCallbacks> callbacks = once(() -> new StepFunctionsCallbacks(SfnClient.builder()
                .httpClient(AwsClients.httpClient())
                .overrideConfiguration(AwsClients.overrides())
                .build()));
        Supplier<DevicePush> push = once(() -> new ApiGatewayDevicePush(ApiGatewayManagementApiClient.builder()
                .endpointOverride(URI.create(env.require("STORE_SOCKET_CALLBACK_URL")))
                .httpClient(AwsClients.httpClient())
                .overrideConfiguration(AwsClients.overrides())
                .build()));
        return new FulfillmentWiring(
                new Adapters(
                        new DynamoDbDeviceConnections(dynamoDb, table, clock),
                        token -> tokens.get().verify(token),
                        new DynamoDbPickTasks(dynamoDb, table),
                        new DynamoDbCollectionWaits(dynamoDb, table),
                        new DynamoDbCancelledOrders(dynamoDb, table),
                        new DynamoDbInbox(dynamoDb, table),
                        new WorkflowCallbacks() {
                            @Override
                            public Delivery succeed(TaskToken token, StepResult result) {
                                return callbacks.get().succeed(token, result);
                            }

                            @Override
                            public Delivery fail(TaskToken token, String error, String cause) {
                                return callbacks.get().fail(token, error, cause);
                            }
                        },
                        (connection, message) -> push.get().push(connection, message),
                        new RandomEventIds()),
                clock);
    }

    /** Redirects are not followed: the keys come from the issuer's own address or not at all. */
    private static HttpClient jwksClient() {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Builds on first use, once, whichever thread asks first. */
    private static <T> Supplier<T> once(Supplier<T> factory) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T built = value;
                if (built == null) {
                    synchronized (this) {
                        if (value == null) {
                            value = factory.get();
                        }
                        built = value;
                    }
                }
                return built;
            }
        };
    }

    public ConnectDevice connectDevice() {
        return connectDevice;
    }

    public DisconnectDevice disconnectDevice() {
        return disconnectDevice;
    }

    public CreatePickTask createPickTask() {
        return createPickTask;
    }

    public AwaitCollection awaitCollection() {
        return awaitCollection;
    }

    public ListOpenPickTasks listOpenPickTasks() {
        return listOpenPickTasks;
    }

    public ReportPick reportPick() {
        return reportPick;
    }

    public ConfirmCollection confirmCollection() {
        return confirmCollection;
    }

    public NotifyStore notifyStore() {
        return notifyStore;
    }

    public CancelFulfillment cancelFulfillment() {
        return cancelFulfillment;
    }

    public SyncDevice syncDevice() {
        return syncDevice;
    }
}
