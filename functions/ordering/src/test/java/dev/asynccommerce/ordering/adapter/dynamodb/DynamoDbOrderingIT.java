package dev.asynccommerce.ordering.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.asynccommerce.events.EventType;
import dev.asynccommerce.events.PaymentAuthorized;
import dev.asynccommerce.events.PaymentCaptured;
import dev.asynccommerce.kernel.CustomerId;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.ordering.OrderingWiring;
import dev.asynccommerce.ordering.application.CheckoutForm;
import dev.asynccommerce.ordering.application.CheckoutRecord;
import dev.asynccommerce.ordering.application.CommandContext;
import dev.asynccommerce.ordering.application.EventBridgeEvents;
import dev.asynccommerce.ordering.application.OrderChanges;
import dev.asynccommerce.ordering.application.OrderRepository;
import dev.asynccommerce.ordering.application.OutboxMessage;
import dev.asynccommerce.ordering.application.PlaceOrder;
import dev.asynccommerce.ordering.application.RecordPaymentActivity;
import dev.asynccommerce.ordering.domain.CancellationReason;
import dev.asynccommerce.ordering.domain.CustomerContact;
import dev.asynccommerce.ordering.domain.Decision;
import dev.asynccommerce.ordering.domain.Order;
import dev.asynccommerce.ordering.domain.OrderFixtures;
import dev.asynccommerce.ordering.domain.OrderStatus;
import dev.asynccommerce.ordering.domain.PaymentMethod;
import dev.asynccommerce.ordering.domain.TimelineEntry;
import dev.asynccommerce.platform.aws.Environment;
import dev.asynccommerce.platform.outbox.OutboxItem;
import dev.asynccommerce.testkit.DynamoDbLocal;
import dev.asynccommerce.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/** The ordering adapters against AWS's DynamoDB Local, in this JVM: real transactions and conditions. */
class DynamoDbOrderingIT {
    private static final DynamoDbLocal LOCAL = DynamoDbLocal.shared();
    private static final DynamoDbClient DYNAMO = LOCAL.client();
    private static final CommandContext CONTEXT = new CommandContext("corr-1", "req-1", "Root=1-abc-def");

    private final MutableClock clock = MutableClock.at("2026-11-21T09:00:00Z");
    private String ordersTable;
    private String catalogTable;
    private DynamoDbOrderRepository repository;
    private OrderingWiring wiring;

    @AfterAll
    static void closeClient() {
        DYNAMO.close();
    }

    @BeforeEach
    void createTables() {
        ordersTable = OrderingTables.createOrdersTable(DYNAMO);
        catalogTable = OrderingTables.createCatalogTable(DYNAMO, 120);
        DynamoDbEnhancedClient enhanced =
                DynamoDbEnhancedClient.builder().dynamoDbClient(DYNAMO).build();
        repository = new DynamoDbOrderRepository(enhanced, ordersTable, clock);
        wiring = OrderingWiring.fromEnvironment(
                new Environment(Map.of("ORDERS_TABLE_NAME", ordersTable, "CATALOG_TABLE_NAME", catalogTable)),
                DYNAMO,
                // These tests never reach Step Functions; the wiring only needs a client to hold.
                SfnClient.builder()
                        .region(Region.US_EAST_1)
                        .credentialsProvider(AnonymousCredentialsProvider.create())
                        .build(),
                clock);
    }

    private static CheckoutForm form(String... skus) {
        List<CheckoutForm.Line> lines = new ArrayList<>();
        for (int i = 0; i < skus.length; i++) {
            lines.add(new CheckoutForm.Line(i, new Sku(skus[i]), 1));
        }
        return new CheckoutForm(
                new CustomerId("c-123"),
                new CustomerContact("ana@example.com"),
                new StoreId("store-001"),
                lines,
                List.of(new PaymentMethod(PaymentMethod.Type.CARD, "tok_visa")),
                List.of());
    }

    private static OutboxMessage message(String eventId) {
        return new OutboxMessage(
                eventId,
                "commerce.ordering",
                "OrderConfirmed",
                "{}",
                "agg",
                Instant.parse("2026-11-21T09:00:00Z"),
                null);
    }

    private Map<String, AttributeValue> rawItem(String pk) {
        return DYNAMO.getItem(b -> b.tableName(ordersTable).key(Map.of("pk", AttributeValue.fromS(pk))))
                .item();
    }

    @Test
    void checkoutWritesTheOrderItsOutboxEventAndTheKeyInOneTransactionAndTheStreamCarriesTheEvent() {
        var accepted = (PlaceOrder.Outcome.Accepted)
                wiring.placeOrder().execute(form("SKU-0001", "SKU-0002"), "key-00000001", "fp", CONTEXT);

        Order stored = repository.find(accepted.orderId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(stored.total().minorUnits()).isEqualTo(2 * 1999);
        assertThat(stored.lines()).extracting(l -> l.name()).containsExactly("Item SKU-0001", "Item SKU-0002");
        assertThat(repository.findCheckout("key-00000001"))
                .map(CheckoutRecord::orderId)
                .contains(accepted.orderId());

        List<Record> records = streamRecords();
        List<Record> outboxInserts = records.stream()
                .filter(r -> r.eventName() == OperationType.INSERT)
                .filter(r -> OutboxItem.ITEM_TYPE.equals(
                        r.dynamodb().newImage().get(OutboxItem.ATTR_ITEM_TYPE).s()))
                .toList();
        assertThat(outboxInserts).singleElement().satisfies(r -> {
            Map<String, AttributeValue> image = r.dynamodb().newImage();
            assertThat(image.get(OutboxItem.ATTR_DETAIL_TYPE).s()).isEqualTo("OrderPlaced");
            assertThat(image.get(OutboxItem.ATTR_SOURCE).s()).isEqualTo("commerce.ordering");
            assertThat(image.get(OutboxItem.ATTR_DETAIL).s())
                    .contains(accepted.orderId().value())
                    .doesNotContain("ana@example.com");
            assertThat(image.get(OutboxItem.ATTR_TRACE_HEADER).s()).isEqualTo("Root=1-abc-def");
            assertThat(Long.parseLong(image.get(OutboxItem.ATTR_EXPIRES_AT).n()))
                    .isEqualTo(clock.instant().plus(OutboxItem.RETENTION).getEpochSecond());
        });
        assertThat(records).hasSize(3);
    }

    @Test
    void aStaleVersionWritesNeitherTheOrderNorItsEvent() {
        Order placed = OrderFixtures.placed();
        repository.create(placed, message("00000000-0000-4000-8000-000000000001"), checkout("k-1", placed.id()));
        Order confirmed = OrderFixtures.changed(placed.confirm(clock.instant()));
        assertThat(repository.save(confirmed, 1, message("00000000-0000-4000-8000-000000000002")))
                .isInstanceOf(OrderRepository.SaveResult.Saved.class);

        Order cancelledFromStaleCopy =
                OrderFixtures.changed(placed.cancel(CancellationReason.CUSTOMER_REQUESTED, clock.instant()));
        var result = repository.save(cancelledFromStaleCopy, 1, message("00000000-0000-4000-8000-000000000003"));

        assertThat(result).isInstanceOf(OrderRepository.SaveResult.VersionConflict.class);
        assertThat(repository.find(placed.id()).orElseThrow().status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(rawItem(OutboxItem.KEY_PREFIX + "00000000-0000-4000-8000-000000000003"))
                .isEmpty();
    }

    @Test
    void aTakenKeyRefusesTheWholeTransaction() {
        Order first = OrderFixtures.placed();
        repository.create(first, message("00000000-0000-4000-8000-000000000001"), checkout("k-1", first.id()));
        Order second = OrderFixtures.copy(first, new OrderId("ord_1111111111111111111111111a"), first.accessDigest());

        var result = repository.create(
                second, message("00000000-0000-4000-8000-000000000002"), checkout("k-1", second.id()));

        assertThat(result).isInstanceOf(OrderRepository.CreateResult.KeyAlreadyUsed.class);
        assertThat(repository.find(second.id())).isEmpty();
        assertThat(rawItem(OutboxItem.KEY_PREFIX + "00000000-0000-4000-8000-000000000002"))
                .isEmpty();
    }

    @Test
    void anExpiredKeyThatTtlHasNotYetDeletedCanBeUsedAgain() {
        Order first = OrderFixtures.placed();
        repository.create(first, message("00000000-0000-4000-8000-000000000001"), checkout("k-1", first.id()));
        clock.advance(Duration.ofHours(25));
        Order second = OrderFixtures.copy(first, new OrderId("ord_1111111111111111111111111a"), first.accessDigest());

        assertThat(repository.findCheckout("k-1")).isEmpty();
        assertThat(repository.create(
                        second, message("00000000-0000-4000-8000-000000000002"), checkout("k-1", second.id())))
                .isInstanceOf(OrderRepository.CreateResult.Created.class);
    }

    @Test
    void racingRetriesOfOneCheckoutPlaceExactlyOneOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<PlaceOrder.Outcome>> racers = IntStream.range(0, 8)
                    .<Callable<PlaceOrder.Outcome>>mapToObj(
                            i -> () -> wiring.placeOrder().execute(form("SKU-0003"), "key-race-0001", "fp", CONTEXT))
                    .toList();
            Set<OrderId> ids = new HashSet<>();
            for (Future<PlaceOrder.Outcome> outcome : pool.invokeAll(racers)) {
                ids.add(((PlaceOrder.Outcome.Accepted) outcome.get()).orderId());
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        long orders = DYNAMO.scan(b -> b.tableName(ordersTable)).items().stream()
                .filter(i -> "Order".equals(i.get("itemType").s()))
                .count();
        assertThat(orders).isEqualTo(1);
    }

    @Test
    void theCatalogPricesMoreSkusThanOneBatchGetTakes() {
        String[] skus =
                IntStream.rangeClosed(1, 50).mapToObj("SKU-%04d"::formatted).toArray(String[]::new);
        var catalog = new DynamoDbCatalog(
                DynamoDbEnhancedClient.builder().dynamoDbClient(DYNAMO).build(), catalogTable);

        Set<Sku> asked = new HashSet<>();
        IntStream.rangeClosed(1, 130).forEach(i -> asked.add(new Sku("SKU-%04d".formatted(i))));
        var found = catalog.findItems(asked);

        assertThat(found).hasSize(120);
        assertThat(found.get(new Sku("SKU-0120")).price().minorUnits()).isEqualTo(1999);
        assertThat(catalog.storeExists(new StoreId("store-001"))).isTrue();
        assertThat(catalog.storeExists(new StoreId("store-404"))).isFalse();
        assertThat(wiring.placeOrder().execute(form(skus), "key-00000050", "fp", CONTEXT))
                .isInstanceOf(PlaceOrder.Outcome.Accepted.class);
    }

    @Test
    void aCancelThroughTheRealTableAppendsItsEventAndBumpsTheVersion() {
        var accepted = (PlaceOrder.Outcome.Accepted)
                wiring.placeOrder().execute(form("SKU-0001"), "key-00000002", "fp", CONTEXT);

        var result = wiring.cancelOrder().execute(accepted.orderId().value(), accepted.orderToken(), CONTEXT);

        assertThat(result).isInstanceOf(OrderChanges.Result.Changed.class);
        Order cancelled = repository.find(accepted.orderId()).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.version()).isEqualTo(2);
        assertThat(streamRecords().stream()
                        .filter(r -> r.eventName() == OperationType.INSERT)
                        .map(r -> r.dynamodb().newImage().get(OutboxItem.ATTR_DETAIL_TYPE))
                        .filter(v -> v != null)
                        .map(AttributeValue::s))
                .containsExactly("OrderPlaced", "OrderCancelled");
    }

    @Test
    void aNoteIsStoredWithoutAnOutboxItemAndMovesTheRevisionEveryWriterChecks() {
        Order placed = OrderFixtures.placed();
        repository.create(placed, message("00000000-0000-4000-8000-000000000001"), checkout("k-1", placed.id()));
        TimelineEntry authorized = new TimelineEntry(
                Instant.parse("2026-11-21T09:00:01.5Z"),
                "PaymentAuthorized",
                "CARD, 85.48 EUR, attempt 1",
                "00000000-0000-4000-8000-00000000000a");
        Order noted = ((Decision.Noted) placed.note(authorized)).order();

        assertThat(repository.saveNote(noted, placed.revision())).isInstanceOf(OrderRepository.SaveResult.Saved.class);

        Order stored = repository.find(placed.id()).orElseThrow();
        assertThat(stored.timeline()).containsExactly(placed.timeline().getFirst(), authorized);
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.revision()).isEqualTo(2);
        assertThat(repository.saveNote(noted, placed.revision()))
                .as("a second note from the same stale copy")
                .isInstanceOf(OrderRepository.SaveResult.VersionConflict.class);
        Order confirmedFromStaleCopy = OrderFixtures.changed(placed.confirm(clock.instant()));
        assertThat(repository.save(
                        confirmedFromStaleCopy, placed.revision(), message("00000000-0000-4000-8000-000000000002")))
                .as("a transition must not overwrite the note")
                .isInstanceOf(OrderRepository.SaveResult.VersionConflict.class);
        assertThat(repository.find(placed.id()).orElseThrow()).isEqualTo(stored);
        assertThat(outboxDetailTypes()).containsExactly("OrderConfirmed");
    }

    @Test
    void anOrderStoredBeforeRevisionsExistedTakesItsVersionAsItsRevision() {
        Order placed = OrderFixtures.placed();
        repository.create(placed, message("00000000-0000-4000-8000-000000000001"), checkout("k-1", placed.id()));
        Order confirmed = OrderFixtures.changed(placed.confirm(clock.instant()));
        repository.save(confirmed, 1, message("00000000-0000-4000-8000-000000000002"));
        DYNAMO.updateItem(b -> b.tableName(ordersTable)
                .key(Map.of("pk", AttributeValue.fromS("ORDER#" + placed.id().value())))
                .updateExpression("REMOVE revision"));

        Order legacy = repository.find(placed.id()).orElseThrow();
        Order noted = ((Decision.Noted) legacy.note(new TimelineEntry(
                        clock.instant(),
                        "PaymentCaptured",
                        "85.48 EUR captured",
                        "00000000-0000-4000-8000-00000000000b")))
                .order();

        assertThat(legacy.revision()).isEqualTo(2);
        assertThat(repository.saveNote(noted, 1)).isInstanceOf(OrderRepository.SaveResult.VersionConflict.class);
        assertThat(repository.saveNote(noted, 2)).isInstanceOf(OrderRepository.SaveResult.Saved.class);
        assertThat(rawItem("ORDER#" + placed.id().value()).get("revision").n()).isEqualTo("3");
    }

    @Test
    void racingDeliveriesOfPaymentEventsRecordEachEventOnceAndPublishNothing() throws Exception {
        var accepted = (PlaceOrder.Outcome.Accepted)
                wiring.placeOrder().execute(form("SKU-0001"), "key-00000003", "fp", CONTEXT);
        String orderId = accepted.orderId().value();
        var authorized = new PaymentAuthorized(orderId, "pay_1", 1999, "EUR", "CARD", 1);
        var captured = new PaymentCaptured(orderId, "pay_1", 1999, "EUR");
        String authorizedEvent = EventBridgeEvents.of(
                EventType.of(authorized),
                "00000000-0000-4000-8000-00000000000c",
                orderId,
                1,
                authorized,
                Instant.parse("2026-11-21T09:00:01Z"));
        String capturedEvent = EventBridgeEvents.of(
                EventType.of(captured),
                "00000000-0000-4000-8000-00000000000d",
                orderId,
                2,
                captured,
                Instant.parse("2026-11-21T09:30:00Z"));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<RecordPaymentActivity.Outcome> outcomes = new ArrayList<>();
        try {
            List<Callable<RecordPaymentActivity.Outcome>> deliveries = Stream.of(
                            authorizedEvent, capturedEvent, authorizedEvent, capturedEvent)
                    .<Callable<RecordPaymentActivity.Outcome>>map(
                            e -> () -> wiring.recordPaymentActivity().handle(e))
                    .toList();
            for (Future<RecordPaymentActivity.Outcome> outcome : pool.invokeAll(deliveries)) {
                outcomes.add(outcome.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(outcomes)
                .containsExactlyInAnyOrder(
                        RecordPaymentActivity.Outcome.RECORDED,
                        RecordPaymentActivity.Outcome.RECORDED,
                        RecordPaymentActivity.Outcome.ALREADY_RECORDED,
                        RecordPaymentActivity.Outcome.ALREADY_RECORDED);
        Order order = wiring.getOrder().execute(orderId, accepted.orderToken()).orElseThrow();
        assertThat(order.timeline())
                .extracting(TimelineEntry::event, TimelineEntry::detail)
                .containsExactly(
                        tuple("OrderPlaced", null),
                        tuple("PaymentAuthorized", "CARD, 19.99 EUR, attempt 1"),
                        tuple("PaymentCaptured", "19.99 EUR captured"));
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(order.version()).isEqualTo(1);
        assertThat(order.revision()).isEqualTo(3);
        assertThat(outboxDetailTypes()).containsExactly("OrderPlaced");
    }

    /** The detail-types of the outbox items the stream carried, in order. */
    private List<String> outboxDetailTypes() {
        return streamRecords().stream()
                .filter(r -> r.eventName() == OperationType.INSERT)
                .map(r -> r.dynamodb().newImage().get(OutboxItem.ATTR_DETAIL_TYPE))
                .filter(v -> v != null)
                .map(AttributeValue::s)
                .toList();
    }

    private CheckoutRecord checkout(String key, OrderId orderId) {
        return new CheckoutRecord(key, "fp", orderId, "token", clock.instant().plus(Duration.ofHours(24)));
    }

    /** Every record of the orders table's stream so far, in order. */
    private List<Record> streamRecords() {
        try (DynamoDbStreamsClient streams = LOCAL.streamsClient()) {
            String arn =
                    DYNAMO.describeTable(b -> b.tableName(ordersTable)).table().latestStreamArn();
            List<Record> records = new ArrayList<>();
            for (var shard : streams.describeStream(b -> b.streamArn(arn))
                    .streamDescription()
                    .shards()) {
                String iterator = streams.getShardIterator(b -> b.streamArn(arn)
                                .shardId(shard.shardId())
                                .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                        .shardIterator();
                while (iterator != null) {
                    String current = iterator;
                    var page = streams.getRecords(b -> b.shardIterator(current));
                    records.addAll(page.records());
                    if (page.records().isEmpty()) {
                        break;
                    }
                    iterator = page.nextShardIterator();
                }
            }
            return records;
        }
    }
}
