package dev.asynccommerce.fulfillment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PickTaskTest {
    private static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");
    private static final Instant DUE = Instant.parse("2026-11-21T11:00:00Z");
    private static final TaskToken TOKEN = new TaskToken("token-1");

    private static PickLine line(String sku, int quantity) {
        return new PickLine(new Sku(sku), quantity);
    }

    private static PickTask open() {
        return PickTask.open(
                new OrderId("ord_01jdq8r5w3k7m2n9p4t6v8x0zb"),
                new StoreId("store-001"),
                List.of(line("SKU-0001", 2), line("SKU-0042", 1)),
                NOW,
                DUE,
                TOKEN,
                "corr-1");
    }

    @Test
    void aNewTaskIsOpenAtItsStoreOnly() {
        PickTask task = open();

        assertThat(task.status()).isEqualTo(PickStatus.OPEN);
        assertThat(task.version()).isEqualTo(1);
        assertThat(task.isOpenAt(new StoreId("store-001"))).isTrue();
        assertThat(task.isOpenAt(new StoreId("store-002"))).isFalse();
        assertThat(task.outcome()).isEmpty();
    }

    @Test
    void aTaskNeedsLinesWithEachSkuOnceAndAtLeastOneUnit() {
        assertThatThrownBy(() -> PickTask.open(
                        new OrderId("ord_01jdq8r5w3k7m2n9p4t6v8x0zb"),
                        new StoreId("store-001"),
                        List.of(line("SKU-0001", 1), line("SKU-0001", 2)),
                        NOW,
                        DUE,
                        TOKEN,
                        "corr-1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PickTask.open(
                        new OrderId("ord_01jdq8r5w3k7m2n9p4t6v8x0zb"),
                        new StoreId("store-001"),
                        List.of(),
                        NOW,
                        DUE,
                        TOKEN,
                        "corr-1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyLineInFullIsPickedAndClosesTheTask() {
        PickDecision decision = open().report(List.of(line("SKU-0042", 1), line("SKU-0001", 2)), NOW);

        PickTask picked = ((PickDecision.Reported) decision).task();
        assertThat(picked.status()).isEqualTo(PickStatus.PICKED);
        assertThat(picked.outcome()).contains(PickOutcome.PICKED);
        assertThat(picked.picked()).containsExactly(line("SKU-0001", 2), line("SKU-0042", 1));
        assertThat(picked.version()).isEqualTo(2);
        assertThat(picked.closedAt()).isEqualTo(NOW);
        assertThat(picked.isOpenAt(new StoreId("store-001"))).isFalse();
    }

    @Test
    void fewerUnitsOnAnyLineIsAShortPickIncludingNone() {
        PickTask shortPicked =
                ((PickDecision.Reported) open().report(List.of(line("SKU-0001", 1), line("SKU-0042", 0)), NOW)).task();

        assertThat(shortPicked.status()).isEqualTo(PickStatus.SHORT_PICKED);
        assertThat(shortPicked.picked()).containsExactly(line("SKU-0001", 1), line("SKU-0042", 0));
    }

    @Test
    void moreThanOrderedAnUnknownSkuARepeatedSkuAndAMissingLineAreRefusedByField() {
        PickDecision decision =
                open().report(List.of(line("SKU-0001", 3), line("SKU-9999", 1), line("SKU-0001", 1)), NOW);

        assertThat(((PickDecision.Refused) decision).problems())
                .containsExactly(
                        new LineProblem("lines[0].quantity", "is more than the 2 ordered"),
                        new LineProblem("lines[1].sku", "is not on this pick task"),
                        new LineProblem("lines[2].sku", "is given more than once"),
                        new LineProblem(
                                "lines", "has no line for SKU-0042; send quantity 0 when none could be picked"));
    }

    @Test
    void theSameReportAgainIsRecognisedAndAnotherOneIsAConflict() {
        PickTask picked =
                ((PickDecision.Reported) open().report(List.of(line("SKU-0001", 2), line("SKU-0042", 1)), NOW)).task();

        assertThat(picked.report(List.of(line("SKU-0042", 1), line("SKU-0001", 2)), NOW))
                .isEqualTo(new PickDecision.AlreadyReported(picked));
        assertThat(picked.report(List.of(line("SKU-0001", 1), line("SKU-0042", 1)), NOW))
                .isEqualTo(new PickDecision.ConflictingReport(picked));
    }

    @Test
    void aCancelledTaskTakesNoReportAndCancellingTwiceChangesNothing() {
        PickTask cancelled = open().cancel(NOW);

        assertThat(cancelled.status()).isEqualTo(PickStatus.CANCELLED);
        assertThat(cancelled.cancel(NOW)).isSameAs(cancelled);
        assertThat(cancelled.report(List.of(line("SKU-0001", 2), line("SKU-0042", 1)), NOW))
                .isInstanceOf(PickDecision.Closed.class);
    }

    @Test
    void anEscalationIsTheSameTaskWithTheNewTokenAndTheSameTokenAgainChangesNothing() {
        PickTask task = open();
        TaskToken second = new TaskToken("token-2");
        Instant later = DUE.plusSeconds(3600);

        PickTask escalated = task.withToken(second, true, later);

        assertThat(escalated.token()).isEqualTo(second);
        assertThat(escalated.escalated()).isTrue();
        assertThat(escalated.dueAt()).isEqualTo(later);
        assertThat(escalated.createdAt()).isEqualTo(task.createdAt());
        assertThat(escalated.version()).isEqualTo(2);
        assertThat(escalated.withToken(second, true, later)).isSameAs(escalated);
        assertThatThrownBy(() -> task.cancel(NOW).withToken(second, true, later))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTokenNeverShowsInToString() {
        assertThat(open().toString()).doesNotContain("token-1");
    }
}
