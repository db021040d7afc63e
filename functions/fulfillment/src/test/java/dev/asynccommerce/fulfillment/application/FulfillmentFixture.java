package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.fulfillment.FulfillmentWiring;
import dev.asynccommerce.fulfillment.domain.ConnectionId;
import dev.asynccommerce.fulfillment.domain.DeviceConnection;
import dev.asynccommerce.fulfillment.domain.PickLine;
import dev.asynccommerce.fulfillment.domain.TaskToken;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The fulfillment wiring over in-memory fakes of every port, and the values tests share. */
public final class FulfillmentFixture {
    public static final OrderId ORDER = new OrderId("ord_01jdq8r5w3k7m2n9p4t6v8x0zb");
    public static final OrderId OTHER_ORDER = new OrderId("ord_01jdq8r5w3k7m2n9p4t6v8x0zc");
    public static final StoreId STORE = new StoreId("store-001");
    public static final StoreId OTHER_STORE = new StoreId("store-002");
    public static final String CORRELATION = "req-5b0e1c7a9d3f4e2a";
    public static final String CODE = "048213";
    public static final TaskToken TOKEN = new TaskToken("AQCEAAAAKgAAAAMAAAAAAAAAAfirst-token");
    public static final TaskToken ESCALATION_TOKEN = new TaskToken("AQCEAAAAKgAAAAMAAAAAAAAAAsecond-token");
    public static final List<PickLine> LINES =
            List.of(new PickLine(new Sku("SKU-0001"), 2), new PickLine(new Sku("SKU-0042"), 1));
    public static final Duration PICKING_SLA = Duration.ofHours(2);
    /** When a task created at the clock's start is due: the start plus {@link #PICKING_SLA}. */
    public static final Instant DUE = Instant.parse("2026-11-21T11:00:00Z");

    public static final CommandContext CONTEXT = new CommandContext("request-1", "Root=1-6740a1f2-abc");

    public final MutableClock clock = MutableClock.at("2026-11-21T09:00:00Z");
    public final InMemoryDeviceConnections connections = new InMemoryDeviceConnections(clock);
    public final KnownStaffTokens staffTokens = new KnownStaffTokens();
    public final InMemoryCancelledOrders cancelled = new InMemoryCancelledOrders();
    public final InMemoryPickTasks pickTasks = new InMemoryPickTasks(cancelled);
    public final InMemoryCollectionWaits collectionWaits = new InMemoryCollectionWaits(cancelled);
    public final InMemoryInbox inbox = new InMemoryInbox();
    public final RecordingCallbacks callbacks = new RecordingCallbacks();
    public final RecordingDevicePush push = new RecordingDevicePush();
    public final FulfillmentWiring wiring = new FulfillmentWiring(
            new FulfillmentWiring.Adapters(
                    connections,
                    staffTokens,
                    pickTasks,
                    collectionWaits,
                    cancelled,
                    inbox,
                    callbacks,
                    push,
                    new SequentialEventIds()),
            clock);

    /** A device of {@code store} connected now. */
    public ConnectionId connect(StoreId store, String connectionId) {
        ConnectionId id = new ConnectionId(connectionId);
        connections.record(new DeviceConnection(store, id, "staff-subject", clock.instant()));
        return id;
    }

    public CreatePickTask.Command pickTaskCommand(TaskToken token, boolean escalated) {
        return new CreatePickTask.Command(ORDER, STORE, LINES, PICKING_SLA, token, escalated, CORRELATION);
    }

    /** Creates the open pick task of {@link #ORDER} at {@link #STORE}, as the workflow does. */
    public void createPickTask() {
        wiring.createPickTask().execute(pickTaskCommand(TOKEN, false), CONTEXT);
    }

    public AwaitCollection.Command awaitCommand(TaskToken token, boolean reminded) {
        return new AwaitCollection.Command(ORDER, STORE, CODE, token, reminded, CORRELATION);
    }

    public void awaitCollection() {
        wiring.awaitCollection().execute(awaitCommand(TOKEN, false));
    }
}
