package dev.asynccommerce.inventory.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asynccommerce.events.EventJson;
import dev.asynccommerce.events.InventoryAdjusted;
import dev.asynccommerce.events.InventoryReleased;
import dev.asynccommerce.events.InventoryReservationFailed;
import dev.asynccommerce.events.InventoryReserved;
import dev.asynccommerce.inventory.domain.Reservation;
import dev.asynccommerce.inventory.domain.ReservationId;
import dev.asynccommerce.inventory.domain.ReservationLine;
import dev.asynccommerce.inventory.domain.ReservationStatus;
import dev.asynccommerce.inventory.domain.ShortLine;
import dev.asynccommerce.inventory.domain.StockLevel;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** RESERVE, RELEASE and COMMIT against the in-memory ports (same conditional rules as the table). */
class ReservationsTest {
    private static final StoreId STORE = new StoreId("store-001");
    private static final Sku A = new Sku("SKU-0001");
    private static final Sku B = new Sku("SKU-0042");
    private static final ReservationId ID = ReservationId.parse("ord_01jdq8r5w3k7m2n9p4t6v8x0zb#1");
    private static final CommandContext CONTEXT = new CommandContext("req-5b0e1c7a9d3f4e2a", "RESERVE:x", null);

    private final InMemoryStockRepository stock = new InMemoryStockRepository()
            .withStore(STORE)
            .withStock(new StockLevel(STORE, A, 40, 3, 117))
            .withStock(new StockLevel(STORE, B, 1, 0, 5));
    private final InventoryMessages messages = TestMessages.create();
    private final ReserveStock reserve = new ReserveStock(stock, stock, messages, Pause.none());
    private final ReleaseReservation release = new ReleaseReservation(stock, stock, messages, Pause.none());
    private final CommitReservation commit = new CommitReservation(stock, stock, messages, Pause.none());

    @Test
    void reservesEveryLineAndEmitsReservedAndOneAdjustmentPerLine() {
        ReserveStock.Outcome outcome = reserve.execute(command(line(A, 2), line(B, 1)));

        assertThat(outcome).isEqualTo(new ReserveStock.Outcome.Reserved(ID));
        assertThat(stock.stored(STORE, A)).isEqualTo(new StockLevel(STORE, A, 40, 5, 118));
        assertThat(stock.stored(STORE, B)).isEqualTo(new StockLevel(STORE, B, 1, 1, 6));
        assertThat(stock.outbox())
                .extracting(OutboxMessage::detailType)
                .containsExactly("InventoryReserved", "InventoryAdjusted", "InventoryAdjusted");
        var reserved = EventJson.read("InventoryReserved", stock.outbox().get(0).detailJson());
        assertThat(reserved.data())
                .isEqualTo(new InventoryReserved(
                        ID.orderId().value(),
                        "store-001",
                        "ord_01jdq8r5w3k7m2n9p4t6v8x0zb:1",
                        List.of(
                                new dev.asynccommerce.events.Line("SKU-0001", 2),
                                new dev.asynccommerce.events.Line("SKU-0042", 1))));
        assertThat(reserved.metadata().correlationId()).isEqualTo("req-5b0e1c7a9d3f4e2a");
        assertThat(reserved.metadata().sequence()).isEqualTo(1);
        var adjusted = EventJson.read("InventoryAdjusted", stock.outbox().get(1).detailJson());
        assertThat(adjusted.data())
                .isEqualTo(new InventoryAdjusted("store-001", "SKU-0001", -2, 40, 35, "RESERVED", 118));
        assertThat(adjusted.metadata().aggregateId()).isEqualTo("store-001#SKU-0001");
        assertThat(adjusted.metadata().sequence()).isEqualTo(118);
    }

    @Test
    void reservesNothingWhenOneLineIsShortAndSaysWhichAndHowMany() {
        ReserveStock.Outcome outcome = reserve.execute(command(line(A, 2), line(B, 3), line(new Sku("SKU-0404"), 1)));

        List<ShortLine> shortLines = List.of(new ShortLine(B, 3, 1), new ShortLine(new Sku("SKU-0404"), 1, 0));
        assertThat(outcome).isEqualTo(new ReserveStock.Outcome.OutOfStock(shortLines));
        assertThat(stock.stored(STORE, A)).isEqualTo(new StockLevel(STORE, A, 40, 3, 117));
        assertThat(stock.stored(STORE, B)).isEqualTo(new StockLevel(STORE, B, 1, 0, 5));
        assertThat(stock.outbox()).hasSize(1);
        assertThat(EventJson.read(
                                "InventoryReservationFailed",
                                stock.outbox().get(0).detailJson())
                        .data())
                .isEqualTo(new InventoryReservationFailed(
                        ID.orderId().value(),
                        "store-001",
                        List.of(
                                new dev.asynccommerce.events.Shortage("SKU-0042", 3, 1),
                                new dev.asynccommerce.events.Shortage("SKU-0404", 1, 0))));
    }

    @Test
    void repeatingAReservationAnswersTheFirstOutcomeAndReservesOnce() {
        reserve.execute(command(line(A, 2)));
        int events = stock.outbox().size();

        assertThat(reserve.execute(command(line(A, 2)))).isEqualTo(new ReserveStock.Outcome.Reserved(ID));
        assertThat(stock.stored(STORE, A).reserved()).isEqualTo(5);
        assertThat(stock.outbox()).hasSize(events);
    }

    @Test
    void repeatingARefusalAnswersTheRefusalEvenIfStockArrivedSince() {
        reserve.execute(command(line(B, 2)));
        stock.withStock(new StockLevel(STORE, B, 10, 0, 6));

        assertThat(reserve.execute(command(line(B, 2))))
                .isEqualTo(new ReserveStock.Outcome.OutOfStock(List.of(new ShortLine(B, 2, 1))));
        assertThat(stock.stored(STORE, B).reserved()).isZero();
    }

    @Test
    void aReservationIdReusedForOtherLinesIsRefusedAsInvalid() {
        reserve.execute(command(line(A, 2)));

        assertThatExceptionOfType(ReservationMismatchException.class)
                .isThrownBy(() -> reserve.execute(command(line(A, 3))));
        assertThat(stock.stored(STORE, A).reserved()).isEqualTo(5);
    }

    @Test
    void aConcurrentReservationTakingTheLastUnitTurnsTheRetryIntoARefusal() {
        // Another checkout takes B's only unit between our read and our write.
        stock.beforeNextSave(() -> stock.withStock(new StockLevel(STORE, B, 1, 1, 6)));

        ReserveStock.Outcome outcome = reserve.execute(command(line(A, 1), line(B, 1)));

        assertThat(outcome).isEqualTo(new ReserveStock.Outcome.OutOfStock(List.of(new ShortLine(B, 1, 0))));
        assertThat(stock.stored(STORE, A).reserved()).isEqualTo(3);
        assertThat(stock.saves()).isEqualTo(2);
    }

    @Test
    void givesUpWithNothingReservedWhenEveryAttemptLosesTheRace() {
        stock.alwaysInterfere();

        assertThatExceptionOfType(StockContentionException.class)
                .isThrownBy(() -> reserve.execute(command(line(A, 1))));
        assertThat(stock.find(ID)).isEmpty();
        assertThat(stock.outbox()).isEmpty();
        assertThat(stock.saves()).isEqualTo(ReserveStock.MAX_ATTEMPTS);
    }

    @Test
    void releaseGivesTheStockBackOnceWithReleasedAndAdjustedEvents() {
        reserve.execute(command(line(A, 2), line(B, 1)));

        ReleaseReservation.Outcome first =
                release.execute(new ReleaseReservation.Command(ID, "order cancelled", CONTEXT));
        ReleaseReservation.Outcome again =
                release.execute(new ReleaseReservation.Command(ID, "order cancelled", CONTEXT));

        assertThat(first.releasedNow()).isTrue();
        assertThat(again.releasedNow()).isFalse();
        assertThat(again.statusBefore()).contains(ReservationStatus.RELEASED);
        assertThat(stock.stored(STORE, A)).isEqualTo(new StockLevel(STORE, A, 40, 3, 119));
        assertThat(stock.stored(STORE, B)).isEqualTo(new StockLevel(STORE, B, 1, 0, 7));
        List<OutboxMessage> released = stock.outbox().subList(3, stock.outbox().size());
        assertThat(released)
                .extracting(OutboxMessage::detailType)
                .containsExactly("InventoryReleased", "InventoryAdjusted", "InventoryAdjusted");
        var event = EventJson.read("InventoryReleased", released.get(0).detailJson());
        assertThat(((InventoryReleased) event.data()).reason()).isEqualTo("order cancelled");
        assertThat(event.metadata().sequence()).isEqualTo(2);
        assertThat(EventJson.read("InventoryAdjusted", released.get(1).detailJson())
                        .data())
                .isEqualTo(new InventoryAdjusted("store-001", "SKU-0001", 2, 40, 37, "RELEASED", 119));
    }

    @Test
    void releasingAnUnknownOrRefusedReservationWritesNothing() {
        assertThat(release.execute(new ReleaseReservation.Command(ID, "x", CONTEXT))
                        .releasedNow())
                .isFalse();
        reserve.execute(command(line(B, 5)));
        int saves = stock.saves();

        assertThat(release.execute(new ReleaseReservation.Command(ID, "x", CONTEXT))
                        .releasedNow())
                .isFalse();
        assertThat(stock.saves()).isEqualTo(saves);
    }

    @Test
    void commitTakesTheGoodsOffOnHandAndReservedOnce() {
        reserve.execute(command(line(A, 2)));

        assertThat(commit.execute(new CommitReservation.Command(ID, CONTEXT)).committedNow())
                .isTrue();
        assertThat(commit.execute(new CommitReservation.Command(ID, CONTEXT)).committedNow())
                .isFalse();

        assertThat(stock.stored(STORE, A)).isEqualTo(new StockLevel(STORE, A, 38, 3, 119));
        assertThat(stock.find(ID).map(Reservation::status)).contains(ReservationStatus.COMMITTED);
        OutboxMessage last = stock.outbox().getLast();
        assertThat(EventJson.read("InventoryAdjusted", last.detailJson()).data())
                .isEqualTo(new InventoryAdjusted("store-001", "SKU-0001", -2, 38, 35, "PICKED", 119));
        // A committed reservation has nothing left to release.
        assertThat(release.execute(new ReleaseReservation.Command(ID, "x", CONTEXT))
                        .releasedNow())
                .isFalse();
        assertThat(stock.stored(STORE, A).reserved()).isEqualTo(3);
    }

    @Test
    void committingAReservationThatHoldsNothingIsAnError() {
        assertThatExceptionOfType(ReservationNotHeldException.class)
                .isThrownBy(() -> commit.execute(new CommitReservation.Command(ID, CONTEXT)));
        reserve.execute(command(line(A, 1)));
        release.execute(new ReleaseReservation.Command(ID, "x", CONTEXT));

        assertThatExceptionOfType(ReservationNotHeldException.class)
                .isThrownBy(() -> commit.execute(new CommitReservation.Command(ID, CONTEXT)));
        assertThat(stock.stored(STORE, A).onHand()).isEqualTo(40);
    }

    @Test
    void fiftyLinesReserveTogetherWithFiftyOneEvents() {
        List<ReservationLine> lines = IntStream.rangeClosed(1, 50)
                .mapToObj(n -> new Sku("SKU-%04d".formatted(n)))
                .peek(sku -> stock.withStock(new StockLevel(STORE, sku, 5, 0, 1)))
                .map(sku -> line(sku, 1))
                .toList();

        assertThat(reserve.execute(new ReserveStock.Command(ID, STORE, lines, CONTEXT)))
                .isEqualTo(new ReserveStock.Outcome.Reserved(ID));
        assertThat(stock.outbox()).hasSize(51);
    }

    @Test
    void everyEventIsValidJsonWithTheContextsIds() throws Exception {
        reserve.execute(command(line(A, 2)));
        ObjectMapper json = new ObjectMapper();
        for (OutboxMessage message : stock.outbox()) {
            JsonNode detail = json.readTree(message.detailJson());
            assertThat(detail.path("metadata").path("causationId").asText()).isEqualTo("RESERVE:x");
            assertThat(message.source()).isEqualTo("commerce.inventory");
        }
    }

    private static ReserveStock.Command command(ReservationLine... lines) {
        return new ReserveStock.Command(ID, STORE, List.of(lines), CONTEXT);
    }

    private static ReservationLine line(Sku sku, int quantity) {
        return new ReservationLine(sku, quantity);
    }
}
