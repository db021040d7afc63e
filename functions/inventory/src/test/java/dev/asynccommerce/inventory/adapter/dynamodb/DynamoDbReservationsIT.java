package dev.asynccommerce.inventory.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.events.EventJson;
import dev.asynccommerce.events.InventoryAdjusted;
import dev.asynccommerce.inventory.application.ApplyChannelAdjustment;
import dev.asynccommerce.inventory.application.CommandContext;
import dev.asynccommerce.inventory.application.CommitReservation;
import dev.asynccommerce.inventory.application.InventoryMessages;
import dev.asynccommerce.inventory.application.Pause;
import dev.asynccommerce.inventory.application.ReleaseReservation;
import dev.asynccommerce.inventory.application.ReserveStock;
import dev.asynccommerce.inventory.application.StockContentionException;
import dev.asynccommerce.inventory.domain.ChannelStock;
import dev.asynccommerce.inventory.domain.ReservationId;
import dev.asynccommerce.inventory.domain.ReservationLine;
import dev.asynccommerce.inventory.domain.StockLevel;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.testkit.DynamoDbLocal;
import dev.asynccommerce.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reservations, stock and outbox written together on DynamoDB Local: real transactions and conditions. */
class DynamoDbReservationsIT {
    private static final DynamoDbClient DYNAMO = DynamoDbLocal.shared().client();
    private static final StoreId STORE = new StoreId("store-001");
    private static final Sku SKU = new Sku("SKU-0001");
    private static final CommandContext CONTEXT = new CommandContext("req-1", "RESERVE:test", null);

    private String table;
    private DynamoDbStockRepository stock;
    private DynamoDbReservationStore reservations;
    private ReserveStock reserve;
    private ReleaseReservation release;
    private CommitReservation commit;

    @BeforeEach
    void createTable() {
        table = InventoryTables.create(DYNAMO);
        stock = new DynamoDbStockRepository(DYNAMO, table, Pause.none());
        reservations = new DynamoDbReservationStore(DYNAMO, table);
        InventoryMessages messages =
                new InventoryMessages(() -> UUID.randomUUID().toString(), MutableClock.at("2026-11-21T08:00:00Z"));
        Pause pause = Pause.jittered(Duration.ofMillis(1), Duration.ofMillis(20));
        reserve = new ReserveStock(stock, reservations, messages, pause);
        release = new ReleaseReservation(stock, reservations, messages, pause);
        commit = new CommitReservation(stock, reservations, messages, pause);
        stock.register(STORE);
    }

    @AfterAll
    static void closeClient() {
        DYNAMO.close();
    }

    @Test
    void aReservationWritesStockReservationAndOutboxInTheDocumentedLayout() {
        seed(SKU, 10);
        ReservationId id = reservationId(1);

        reserve.execute(new ReserveStock.Command(id, STORE, List.of(new ReservationLine(SKU, 3)), CONTEXT));

        assertThat(stock.load(STORE, SKU)).isEqualTo(new StockLevel(STORE, SKU, 10, 3, 2));
        Map<String, AttributeValue> item = rawItem("RESERVATION#" + id.value(), "RESERVATION");
        assertThat(item.get("status").s()).isEqualTo("RESERVED");
        assertThat(item.get("storeId").s()).isEqualTo("store-001");
        assertThat(item.get("lines").l().getFirst().m().get("quantity").n()).isEqualTo("3");
        List<Map<String, AttributeValue>> outbox = outbox();
        assertThat(outbox)
                .extracting(o -> o.get("detailType").s())
                .containsExactlyInAnyOrder("InventoryAdjusted", "InventoryAdjusted", "InventoryReserved");
        assertThat(outbox).allSatisfy(o -> {
            assertThat(o.get("sk").s()).isEqualTo("OUTBOX");
            assertThat(o.get("itemType").s()).isEqualTo("OutboxEvent");
            assertThat(o.get("pk").s()).isEqualTo("OUTBOX#" + o.get("eventId").s());
            assertThat(o.get("source").s()).isEqualTo("commerce.inventory");
            assertThat(o.get("expiresAt").n()).isNotBlank();
        });
    }

    @Test
    void manyCheckoutsRacingForTheLastUnitsReserveExactlyWhatIsAvailable() throws Exception {
        int available = 5;
        int checkouts = 16;
        seed(SKU, available);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<ReserveStock.Outcome>> results = new ArrayList<>();
        try {
            for (int i = 1; i <= checkouts; i++) {
                ReserveStock.Command command = new ReserveStock.Command(
                        reservationId(i), STORE, List.of(new ReservationLine(SKU, 1)), CONTEXT);
                results.add(pool.submit(untilDecided(command)));
            }
            long reserved = 0;
            long refused = 0;
            for (Future<ReserveStock.Outcome> result : results) {
                if (result.get() instanceof ReserveStock.Outcome.Reserved) {
                    reserved++;
                } else {
                    refused++;
                }
            }
            assertThat(reserved).isEqualTo(available);
            assertThat(refused).isEqualTo(checkouts - available);
        } finally {
            pool.shutdownNow();
        }
        StockLevel after = stock.load(STORE, SKU);
        assertThat(after.reserved()).isEqualTo(available);
        assertThat(after.available()).isZero();
        // One version per write, one InventoryAdjusted per version: the seed's 1, then a reservation each.
        assertThat(after.version()).isEqualTo(1 + available);
        assertThat(outbox().stream()
                        .filter(o -> o.get("detailType").s().equals("InventoryAdjusted"))
                        .map(o -> ((InventoryAdjusted) EventJson.read(
                                                "InventoryAdjusted",
                                                o.get("detail").s())
                                        .data())
                                .skuSequence())
                        .sorted()
                        .toList())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void fiftyLinesReserveAndReleaseWithEveryEventInTheOutboxAndNothingLeftPending() {
        List<ReservationLine> lines = IntStream.rangeClosed(1, 50)
                .mapToObj(n -> new Sku("SKU-%04d".formatted(n)))
                .peek(sku -> seed(sku, 2))
                .map(sku -> new ReservationLine(sku, 1))
                .toList();
        int seedEvents = outbox().size();
        ReservationId id = reservationId(7);

        assertThat(reserve.execute(new ReserveStock.Command(id, STORE, lines, CONTEXT)))
                .isEqualTo(new ReserveStock.Outcome.Reserved(id));
        assertThat(outbox()).hasSize(seedEvents + 51);
        assertThat(reservations.hasPendingEvents(id)).isFalse();

        assertThat(release.execute(new ReleaseReservation.Command(id, "order cancelled", CONTEXT))
                        .releasedNow())
                .isTrue();
        assertThat(outbox()).hasSize(seedEvents + 102);
        assertThat(reservations.hasPendingEvents(id)).isFalse();
        assertThat(stock.load(STORE, new Sku("SKU-0050")))
                .isEqualTo(new StockLevel(STORE, new Sku("SKU-0050"), 2, 0, 3));
    }

    @Test
    void eventsLeftPendingByACrashAreMovedToTheOutboxOnTheNextRead() {
        seed(SKU, 3);
        ReservationId id = reservationId(8);
        reserve.execute(new ReserveStock.Command(id, STORE, List.of(new ReservationLine(SKU, 1)), CONTEXT));
        Map<String, AttributeValue> parked = OutboxItems.item(new dev.asynccommerce.inventory.application.OutboxMessage(
                "11111111-1111-4111-8111-111111111111",
                "commerce.inventory",
                "InventoryAdjusted",
                "{}",
                "store-001#SKU-0001",
                java.time.Instant.parse("2026-11-21T08:00:00Z"),
                null));
        DYNAMO.updateItem(b -> b.tableName(table)
                .key(InventoryTable.reservationKey(id))
                .updateExpression("SET pendingOutbox = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromL(List.of(AttributeValue.fromM(parked))))));

        assertThat(reservations.find(id)).isPresent();

        assertThat(reservations.hasPendingEvents(id)).isFalse();
        assertThat(rawItem("OUTBOX#11111111-1111-4111-8111-111111111111", "OUTBOX"))
                .isNotEmpty();
    }

    @Test
    void commitAndReleaseAreIdempotentOnTheTable() {
        seed(SKU, 4);
        ReservationId id = reservationId(9);
        reserve.execute(new ReserveStock.Command(id, STORE, List.of(new ReservationLine(SKU, 3)), CONTEXT));

        assertThat(commit.execute(new CommitReservation.Command(id, CONTEXT)).committedNow())
                .isTrue();
        assertThat(commit.execute(new CommitReservation.Command(id, CONTEXT)).committedNow())
                .isFalse();
        assertThat(release.execute(new ReleaseReservation.Command(id, "late", CONTEXT))
                        .releasedNow())
                .isFalse();

        assertThat(stock.load(STORE, SKU)).isEqualTo(new StockLevel(STORE, SKU, 1, 0, 3));
        assertThat(rawItem("RESERVATION#" + id.value(), "RESERVATION")
                        .get("status")
                        .s())
                .isEqualTo("COMMITTED");
    }

    @Test
    void aRefusalIsStoredAndAnsweredAgain() {
        seed(SKU, 1);
        ReservationId id = reservationId(10);
        var command = new ReserveStock.Command(id, STORE, List.of(new ReservationLine(SKU, 2)), CONTEXT);

        var first = reserve.execute(command);
        seed(SKU, 10);

        assertThat(first).isInstanceOf(ReserveStock.Outcome.OutOfStock.class);
        assertThat(reserve.execute(command)).isEqualTo(first);
        assertThat(stock.load(STORE, SKU).reserved()).isZero();
    }

    @Test
    void theChannelCopyIsWrittenOnlyOverTheSequenceItWasDecidedOn() {
        DynamoDbChannelProjection projection = new DynamoDbChannelProjection(DYNAMO, table);
        ChannelStock first = new ChannelStock(STORE, SKU, 1, 25, 25);

        assertThat(projection.save(first, 0)).isTrue();
        assertThat(projection.save(first, 0)).isFalse();
        assertThat(projection.save(new ChannelStock(STORE, SKU, 2, 25, 24), 1)).isTrue();
        assertThat(projection.save(new ChannelStock(STORE, SKU, 2, 25, 20), 1)).isFalse();
        assertThat(projection.find(STORE, SKU)).contains(new ChannelStock(STORE, SKU, 2, 25, 24));
        assertThat(rawItem("CHANNEL#store-001", "SKU-0001")
                        .get("lastSkuSequence")
                        .n())
                .isEqualTo("2");

        ApplyChannelAdjustment apply = new ApplyChannelAdjustment(projection);
        assertThat(apply.execute(dev.asynccommerce.inventory.application.ChannelEvents.adjusted(3, 25, 23)))
                .isInstanceOf(ApplyChannelAdjustment.Outcome.Applied.class);
        assertThat(apply.execute(dev.asynccommerce.inventory.application.ChannelEvents.adjusted(5, 25, 21)))
                .isInstanceOf(ApplyChannelAdjustment.Outcome.Gap.class);
        assertThat(projection.find(STORE, SKU).orElseThrow().lastSkuSequence()).isEqualTo(3);
    }

    /** What the state machine does: retry a lost race until the reservation is decided. */
    private Callable<ReserveStock.Outcome> untilDecided(ReserveStock.Command command) {
        return () -> {
            for (int round = 1; ; round++) {
                try {
                    return reserve.execute(command);
                } catch (StockContentionException lost) {
                    if (round == 20) {
                        throw lost;
                    }
                }
            }
        };
    }

    /** Sets on hand through the real write path (a count), as seeding does. */
    private void seed(Sku sku, int onHand) {
        StockLevel current = stock.load(STORE, sku);
        StockLevel next = current.recount(onHand);
        stock.save(
                next,
                messagesForSeed()
                        .adjusted(
                                new dev.asynccommerce.inventory.domain.StockChange(
                                        current,
                                        next,
                                        dev.asynccommerce.inventory.domain.AdjustmentReason.CORRECTION,
                                        onHand - current.onHand()),
                                CommandContext.internal("test-seed")));
    }

    private static InventoryMessages messagesForSeed() {
        return new InventoryMessages(() -> UUID.randomUUID().toString(), MutableClock.at("2026-11-21T07:00:00Z"));
    }

    private static ReservationId reservationId(int order) {
        return ReservationId.parse("ord_%026d#1".formatted(order));
    }

    private List<Map<String, AttributeValue>> outbox() {
        return DYNAMO.scan(b -> b.tableName(table)).items().stream()
                .filter(item -> item.get("pk").s().startsWith("OUTBOX#"))
                .toList();
    }

    private Map<String, AttributeValue> rawItem(String pk, String sk) {
        return DYNAMO.getItem(b -> b.tableName(table)
                        .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))
                        .consistentRead(true))
                .item();
    }
}
