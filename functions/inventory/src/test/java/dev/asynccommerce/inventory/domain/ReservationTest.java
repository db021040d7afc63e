package dev.asynccommerce.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReservationTest {
    private static final StoreId STORE = new StoreId("store-001");
    private static final Sku A = new Sku("SKU-0001");
    private static final Sku B = new Sku("SKU-0002");
    private static final ReservationId ID = ReservationId.parse("ord_01jdq8r5w3k7m2n9p4t6v8x0zb#2");

    @Test
    void aReservationIdIsTheOrderAndTheAttempt() {
        assertThat(ID.orderId()).isEqualTo(new OrderId("ord_01jdq8r5w3k7m2n9p4t6v8x0zb"));
        assertThat(ID.attempt()).isEqualTo(2);
        assertThat(ID.value()).isEqualTo("ord_01jdq8r5w3k7m2n9p4t6v8x0zb#2");
        for (String bad : List.of(
                "ord_01jdq8r5w3k7m2n9p4t6v8x0zb",
                "ord_01jdq8r5w3k7m2n9p4t6v8x0zb#0",
                "ord_01jdq8r5w3k7m2n9p4t6v8x0zb#x",
                "ord_01jdq8r5w3k7m2n9p4t6v8x0zb#10000",
                "rsv_1#1")) {
            assertThat(ReservationId.isValid(bad)).as(bad).isFalse();
            assertThatIllegalArgumentException().isThrownBy(() -> ReservationId.parse(bad));
        }
    }

    @Test
    void reservingTakesFromAvailableAndNeverOversells() {
        StockLevel level = new StockLevel(STORE, A, 10, 7, 4);

        assertThat(level.reserve(3)).isEqualTo(new StockLevel(STORE, A, 10, 10, 4));
        assertThat(level.canReserve(4)).isFalse();
        assertThatIllegalStateException().isThrownBy(() -> level.reserve(4));
        assertThatIllegalStateException().isThrownBy(() -> new StockLevel(STORE, A, 2, 5, 1).reserve(1));
    }

    @Test
    void releasingAndPickingNeverGoBelowZero() {
        StockLevel level = new StockLevel(STORE, A, 3, 5, 9);

        assertThat(level.release(2)).isEqualTo(new StockLevel(STORE, A, 3, 3, 9));
        assertThat(level.release(8).reserved()).isZero();
        assertThat(level.pick(2)).isEqualTo(new StockLevel(STORE, A, 1, 3, 9));
        assertThat(level.pick(6)).isEqualTo(new StockLevel(STORE, A, 0, 0, 9));
    }

    @Test
    void writingOffTakesOnlyWhatIsOnHand() {
        StockLevel level = new StockLevel(STORE, A, 4, 1, 2);

        assertThat(level.writeOff(4)).isEqualTo(new StockLevel(STORE, A, 0, 1, 2));
        assertThatIllegalStateException().isThrownBy(() -> level.writeOff(5));
    }

    @Test
    void aChangeIsNumberedOneAboveTheVersionItWasReadAt() {
        StockLevel before = new StockLevel(STORE, A, 10, 0, 117);
        StockChange change = new StockChange(before, before.reserve(2), AdjustmentReason.RESERVED, -2);

        assertThat(change.sequence()).isEqualTo(118);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new StockChange(before, before, AdjustmentReason.RECEIVED, 0));
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        new StockChange(before, new StockLevel(STORE, A, 12, 0, 118), AdjustmentReason.RECEIVED, 2));
    }

    @Test
    void onlyAHeldReservationIsReleasedOrCommitted() {
        Reservation held = Reservation.reserved(ID, STORE, List.of(new ReservationLine(A, 2)));

        assertThat(held.release().status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(held.commit().status()).isEqualTo(ReservationStatus.COMMITTED);
        assertThatIllegalStateException().isThrownBy(() -> held.release().commit());
        assertThatIllegalStateException().isThrownBy(() -> held.commit().release());
    }

    @Test
    void aReservationHasOneToFiftyLinesEachSkuOnce() {
        assertThatIllegalArgumentException().isThrownBy(() -> Reservation.reserved(ID, STORE, List.of()));
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        Reservation.reserved(ID, STORE, List.of(new ReservationLine(A, 1), new ReservationLine(A, 2))));
        List<ReservationLine> fiftyOne = IntStream.rangeClosed(1, 51)
                .mapToObj(n -> new ReservationLine(new Sku("SKU-%04d".formatted(n)), 1))
                .toList();
        assertThatIllegalArgumentException().isThrownBy(() -> Reservation.reserved(ID, STORE, fiftyOne));
        assertThatIllegalArgumentException().isThrownBy(() -> new ReservationLine(A, 1001));
    }

    @Test
    void isForTheSameStoreAndLinesInAnyOrder() {
        Reservation held =
                Reservation.reserved(ID, STORE, List.of(new ReservationLine(A, 2), new ReservationLine(B, 1)));

        assertThat(held.isFor(STORE, List.of(new ReservationLine(B, 1), new ReservationLine(A, 2))))
                .isTrue();
        assertThat(held.isFor(STORE, List.of(new ReservationLine(A, 3), new ReservationLine(B, 1))))
                .isFalse();
        assertThat(held.isFor(new StoreId("store-002"), held.lines())).isFalse();
    }

    @Test
    void channelStockAppliesOnlyTheNextSequence() {
        ChannelStock copy = new ChannelStock(STORE, A, 7, 30, 25);

        assertThat(copy.stepFor(7)).isEqualTo(ChannelStock.Step.STALE);
        assertThat(copy.stepFor(3)).isEqualTo(ChannelStock.Step.STALE);
        assertThat(copy.stepFor(8)).isEqualTo(ChannelStock.Step.APPLY);
        assertThat(copy.stepFor(9)).isEqualTo(ChannelStock.Step.GAP);
        assertThat(copy.apply(8, 30, 23)).isEqualTo(new ChannelStock(STORE, A, 8, 30, 23));
        assertThatIllegalStateException().isThrownBy(() -> copy.apply(9, 1, 1));
        assertThat(ChannelStock.empty(STORE, A).stepFor(1)).isEqualTo(ChannelStock.Step.APPLY);
    }
}
