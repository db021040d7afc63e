package dev.asynccommerce.fulfillment.adapter.dynamodb;

import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.CONTEXT;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.DUE;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.ESCALATION_TOKEN;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.LINES;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.ORDER;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.OTHER_ORDER;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.STORE;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.fulfillment.application.CancelledOrders;
import dev.asynccommerce.fulfillment.application.Creation;
import dev.asynccommerce.fulfillment.application.FulfillmentMessages;
import dev.asynccommerce.fulfillment.application.OpenPickTask;
import dev.asynccommerce.fulfillment.application.SequentialEventIds;
import dev.asynccommerce.fulfillment.domain.CollectionDecision;
import dev.asynccommerce.fulfillment.domain.CollectionStatus;
import dev.asynccommerce.fulfillment.domain.CollectionWait;
import dev.asynccommerce.fulfillment.domain.ConnectionId;
import dev.asynccommerce.fulfillment.domain.DeviceConnection;
import dev.asynccommerce.fulfillment.domain.PickDecision;
import dev.asynccommerce.fulfillment.domain.PickTask;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.platform.outbox.OutboxItem;
import dev.asynccommerce.testkit.DynamoDbLocal;
import dev.asynccommerce.testkit.MutableClock;
import dev.asynccommerce.testkit.TestTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Pick tasks, collection waits, cancellations and the inbox against AWS's DynamoDB Local in this
 * JVM, in a table shaped as the stack's (pk + sk, stream): real transactions and conditions.
 */
class DynamoDbFulfillmentIT {
    private static final DynamoDbClient DYNAMO = DynamoDbLocal.shared().client();

    private final MutableClock clock = MutableClock.at("2026-11-21T09:00:00Z");
    private final FulfillmentMessages messages = new FulfillmentMessages(new SequentialEventIds());
    private String table;
    private DynamoDbPickTasks tasks;
    private DynamoDbCollectionWaits waits;
    private DynamoDbCancelledOrders cancelled;
    private DynamoDbInbox inbox;

    @AfterAll
    static void closeClient() {
        DYNAMO.close();
    }

    @BeforeEach
    void createTable() {
        table = TestTable.named("fulfillment").withSortKey("sk").withStream().create(DYNAMO);
        tasks = new DynamoDbPickTasks(DYNAMO, table);
        waits = new DynamoDbCollectionWaits(DYNAMO, table);
        cancelled = new DynamoDbCancelledOrders(DYNAMO, table);
        inbox = new DynamoDbInbox(DYNAMO, table);
    }

    private PickTask openTask() {
        return PickTask.open(ORDER, STORE, LINES, clock.instant(), DUE, TOKEN, "corr-1");
    }

    private List<Map<String, AttributeValue>> items(String pkPrefix) {
        return DYNAMO.scan(b -> b.tableName(table).consistentRead(true)).items().stream()
                .filter(i -> i.get("pk").s().startsWith(pkPrefix))
                .toList();
    }

    @Test
    void aCreatedTaskIsStoredListedAndItsEventWrittenAsTheRelayReadsIt() {
        PickTask task = openTask();

        assertThat(tasks.create(task, messages.pickTaskCreated(task, CONTEXT))).isEqualTo(Creation.CREATED);

        assertThat(tasks.find(ORDER)).contains(task);
        assertThat(tasks.openAt(STORE)).containsExactly(new OpenPickTask(ORDER, LINES, task.createdAt(), DUE, false));
        assertThat(tasks.openAt(new StoreId("store-002"))).isEmpty();
        assertThat(items("OUTBOX#")).singleElement().satisfies(item -> {
            assertThat(item.get("sk").s()).isEqualTo("OUTBOX");
            assertThat(item.get(OutboxItem.ATTR_ITEM_TYPE).s()).isEqualTo(OutboxItem.ITEM_TYPE);
            assertThat(item.get(OutboxItem.ATTR_PK).s())
                    .isEqualTo("OUTBOX#" + item.get("eventId").s());
            assertThat(item.get(OutboxItem.ATTR_SOURCE).s()).isEqualTo("commerce.fulfillment");
            assertThat(item.get(OutboxItem.ATTR_DETAIL_TYPE).s()).isEqualTo("PickTaskCreated");
            assertThat(item.get(OutboxItem.ATTR_AGGREGATE_ID).s()).isEqualTo(ORDER.value());
            assertThat(item.get(OutboxItem.ATTR_TRACE_HEADER).s()).isEqualTo(CONTEXT.traceHeader());
            assertThat(Long.parseLong(item.get(OutboxItem.ATTR_EXPIRES_AT).n()))
                    .isEqualTo(clock.instant().plus(Duration.ofDays(2)).getEpochSecond());
        });
        assertThat(items("ORDER#"))
                .singleElement()
                .satisfies(item -> assertThat(item.get("taskToken").s()).isEqualTo(TOKEN.value()));
        assertThat(items("STORE#").getFirst()).doesNotContainKey("taskToken");
    }

    @Test
    void aSecondCreateIsRefusedAndWritesNoSecondEvent() {
        PickTask task = openTask();
        tasks.create(task, messages.pickTaskCreated(task, CONTEXT));

        assertThat(tasks.create(task, messages.pickTaskCreated(task, CONTEXT))).isEqualTo(Creation.ALREADY_EXISTS);
        assertThat(items("OUTBOX#")).hasSize(1);
    }

    @Test
    void noTaskOrWaitIsCreatedForAnOrderRecordedAsCancelled() {
        cancelled.record(new CancelledOrders.Cancellation(
                ORDER, STORE, "CUSTOMER_REQUESTED", "49bf4c15-734c-4294-bded-8b0f47c91a84", clock.instant()));
        cancelled.record(new CancelledOrders.Cancellation(
                ORDER, STORE, "OPERATOR", "5ab0c0de-734c-4294-bded-8b0f47c91a84", clock.instant()));
        PickTask task = openTask();

        assertThat(tasks.create(task, messages.pickTaskCreated(task, CONTEXT))).isEqualTo(Creation.ORDER_CANCELLED);
        assertThat(waits.create(CollectionWait.awaiting(ORDER, STORE, "048213", TOKEN, false, "c", clock.instant())))
                .isEqualTo(Creation.ORDER_CANCELLED);
        assertThat(cancelled.find(ORDER).orElseThrow().reason())
                .as("the first record wins")
                .isEqualTo("CUSTOMER_REQUESTED");
        assertThat(tasks.find(ORDER)).isEmpty();
        assertThat(items("OUTBOX#")).isEmpty();
        assertThat(cancelled.find(OTHER_ORDER)).isEmpty();
    }

    @Test
    void aSaveOverAStaleVersionIsRefusedAndChangesNothing() {
        PickTask task = openTask();
        tasks.create(task, messages.pickTaskCreated(task, CONTEXT));
        PickTask escalated = task.withToken(ESCALATION_TOKEN, true, DUE.plusSeconds(600));

        assertThat(tasks.save(escalated, task.version(), null)).isTrue();
        assertThat(tasks.save(task.withToken(TOKEN, true, DUE), task.version(), null))
                .isFalse();

        assertThat(tasks.find(ORDER)).contains(escalated);
        assertThat(tasks.openAt(STORE).getFirst().escalated()).isTrue();
        assertThat(tasks.openAt(STORE).getFirst().dueAt()).isEqualTo(DUE.plusSeconds(600));
    }

    @Test
    void reportingClosesTheTaskRemovesItsListingAndWritesItsEventInOneGo() {
        PickTask task = openTask();
        tasks.create(task, messages.pickTaskCreated(task, CONTEXT));
        PickTask picked = ((PickDecision.Reported) task.report(LINES, clock.instant())).task();

        assertThat(tasks.save(picked, task.version(), messages.pickReported(picked, CONTEXT)))
                .isTrue();

        assertThat(tasks.find(ORDER)).contains(picked);
        assertThat(tasks.openAt(STORE)).isEmpty();
        assertThat(items("OUTBOX#"))
                .extracting(i -> i.get("detailType").s())
                .containsExactlyInAnyOrder("PickTaskCreated", "OrderPicked");
        assertThat(Long.parseLong(items("ORDER#").getFirst().get("expiresAt").n()))
                .isEqualTo(clock.instant().plus(Duration.ofDays(30)).getEpochSecond());
    }

    @Test
    void aStoresOpenTasksAreListedEarliestDueFirstAcrossPages() {
        for (int i = 0; i < 30; i++) {
            String orderId = "ord_%026d".formatted(i);
            PickTask task = PickTask.open(
                    new dev.asynccommerce.kernel.OrderId(orderId),
                    STORE,
                    LINES,
                    clock.instant(),
                    DUE.minusSeconds(i),
                    TOKEN,
                    "corr-" + i);
            tasks.create(task, messages.pickTaskCreated(task, CONTEXT));
        }

        List<OpenPickTask> open = tasks.openAt(STORE);

        assertThat(open).hasSize(30);
        assertThat(open.getFirst().dueAt()).isEqualTo(DUE.minusSeconds(29));
        assertThat(open.getLast().dueAt()).isEqualTo(DUE);
    }

    @Test
    void aWaitKeepsTheDigestNeverTheCodeAndSavesOverItsVersion() {
        CollectionWait wait = CollectionWait.awaiting(ORDER, STORE, "048213", TOKEN, false, "corr-1", clock.instant());

        assertThat(waits.create(wait)).isEqualTo(Creation.CREATED);
        assertThat(waits.create(wait)).isEqualTo(Creation.ALREADY_EXISTS);
        assertThat(waits.find(ORDER)).contains(wait);
        assertThat(items("ORDER#").getFirst().values()).noneMatch(v -> "048213".equals(v.s()));

        CollectionWait collected =
                ((CollectionDecision.Collected) wait.collect("048213", clock.instant())).collection();
        assertThat(waits.save(collected, wait.version())).isTrue();
        assertThat(waits.save(wait.cancel(clock.instant()), wait.version())).isFalse();
        assertThat(waits.find(ORDER).orElseThrow().status()).isEqualTo(CollectionStatus.COLLECTED);
    }

    @Test
    void anEventIsClaimedOncePerConsumerUntilReleased() {
        Instant now = clock.instant();
        String eventId = "159e39a7-78bc-4a7b-8c59-e53f0ecef596";

        assertThat(inbox.claim("STORE_NOTIFIER", eventId, now)).isTrue();
        assertThat(inbox.claim("STORE_NOTIFIER", eventId, now)).isFalse();
        assertThat(inbox.claim("OTHER", eventId, now)).isTrue();
        inbox.release("STORE_NOTIFIER", eventId);
        assertThat(inbox.claim("STORE_NOTIFIER", eventId, now)).isTrue();
        assertThat(inbox.claim("STORE_NOTIFIER", eventId, now.plus(Duration.ofDays(8))))
                .as("a claim past its retention counts as gone, TTL or not")
                .isTrue();
    }

    @Test
    void theStoreOfAConnectionIsKnownWhileItMayBeOpen() {
        DynamoDbDeviceConnections connections = new DynamoDbDeviceConnections(DYNAMO, table, clock);
        ConnectionId connection = new ConnectionId("Bq3rTd1EjoECI2g=");
        connections.record(new DeviceConnection(STORE, connection, "subject", clock.instant()));

        assertThat(connections.storeOf(connection)).contains(STORE);
        assertThat(connections.storeOf(new ConnectionId("Zz9zZz9zZz9zZz8="))).isEmpty();
        assertThat(tasks.openAt(STORE)).as("connections are not tasks").isEmpty();
        clock.advance(Duration.ofHours(2));
        assertThat(connections.storeOf(connection)).isEmpty();
    }
}
