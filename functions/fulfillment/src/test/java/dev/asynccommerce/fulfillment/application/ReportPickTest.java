package dev.asynccommerce.fulfillment.application;

import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.CONTEXT;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.LINES;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.ORDER;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.OTHER_STORE;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.STORE;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynccommerce.events.EventJson;
import dev.asynccommerce.events.Line;
import dev.asynccommerce.events.OrderPicked;
import dev.asynccommerce.events.OrderShortPicked;
import dev.asynccommerce.fulfillment.domain.PickLine;
import dev.asynccommerce.fulfillment.domain.PickOutcome;
import dev.asynccommerce.fulfillment.domain.PickStatus;
import dev.asynccommerce.kernel.Sku;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReportPickTest {
    private static final List<PickLine> SHORT =
            List.of(new PickLine(new Sku("SKU-0001"), 1), new PickLine(new Sku("SKU-0042"), 0));

    private final FulfillmentFixture fixture = new FulfillmentFixture();
    private final ReportPick report = fixture.wiring.reportPick();

    @BeforeEach
    void openTheTask() {
        fixture.createPickTask();
    }

    @Test
    void aFullPickIsStoredWithOrderPickedClosesTheTaskAndCompletesTheToken() {
        ReportPick.Result result = report.execute(STORE, ORDER.value(), LINES, CONTEXT);

        assertThat(result).isEqualTo(new ReportPick.Result.Reported(ORDER, PickOutcome.PICKED, false));
        assertThat(fixture.pickTasks.find(ORDER).orElseThrow().status()).isEqualTo(PickStatus.PICKED);
        assertThat(fixture.wiring.listOpenPickTasks().execute(STORE)).isEmpty();
        var published = fixture.pickTasks.outbox().getLast();
        var detail = EventJson.read(published.detailType(), published.detailJson());
        assertThat(detail.data())
                .isEqualTo(new OrderPicked(
                        ORDER.value(), STORE.value(), List.of(new Line("SKU-0001", 2), new Line("SKU-0042", 1))));
        assertThat(detail.metadata().sequence()).isEqualTo(2);
        assertThat(fixture.callbacks.delivered()).singleElement().satisfies(call -> {
            assertThat(call.token()).isEqualTo(TOKEN.value());
            assertThat(call.result()).isEqualTo(new WorkflowCallbacks.StepResult.Picked(PickOutcome.PICKED, LINES));
        });
    }

    @Test
    void fewerThanOrderedIsAShortPickWithOrderShortPicked() {
        ReportPick.Result result = report.execute(STORE, ORDER.value(), SHORT, CONTEXT);

        assertThat(result).isEqualTo(new ReportPick.Result.Reported(ORDER, PickOutcome.SHORT_PICKED, false));
        var published = fixture.pickTasks.outbox().getLast();
        assertThat(EventJson.read(published.detailType(), published.detailJson())
                        .data())
                .isEqualTo(new OrderShortPicked(
                        ORDER.value(),
                        STORE.value(),
                        List.of(new Line("SKU-0001", 2), new Line("SKU-0042", 1)),
                        List.of(new Line("SKU-0001", 1), new Line("SKU-0042", 0))));
        assertThat(fixture.callbacks.delivered().getFirst().result())
                .isEqualTo(new WorkflowCallbacks.StepResult.Picked(PickOutcome.SHORT_PICKED, SHORT));
    }

    @Test
    void theSameReportAgainAnswersTheSameWithoutASecondEvent() {
        report.execute(STORE, ORDER.value(), LINES, CONTEXT);

        ReportPick.Result again = report.execute(STORE, ORDER.value(), LINES, CONTEXT);

        assertThat(again).isEqualTo(new ReportPick.Result.Reported(ORDER, PickOutcome.PICKED, true));
        assertThat(fixture.pickTasks.outbox())
                .extracting(OutboxMessage::detailType)
                .containsExactly("PickTaskCreated", "OrderPicked");
    }

    @Test
    void aRetryHealsACallbackThatFailedAfterTheResultWasStored() {
        fixture.callbacks.unreachable(true);
        assertThatThrownBy(() -> report.execute(STORE, ORDER.value(), LINES, CONTEXT))
                .isInstanceOf(IllegalStateException.class);
        fixture.callbacks.unreachable(false);

        report.execute(STORE, ORDER.value(), LINES, CONTEXT);

        assertThat(fixture.callbacks.delivered()).hasSize(1);
        assertThat(fixture.pickTasks.outbox()).hasSize(2);
    }

    @Test
    void anotherReportAfterTheFirstIsAConflictAndChangesNothing() {
        report.execute(STORE, ORDER.value(), LINES, CONTEXT);

        assertThat(report.execute(STORE, ORDER.value(), SHORT, CONTEXT))
                .isEqualTo(new ReportPick.Result.Conflicting(PickOutcome.PICKED));
        assertThat(fixture.pickTasks.find(ORDER).orElseThrow().status()).isEqualTo(PickStatus.PICKED);
    }

    @Test
    void aReportThatDoesNotFitTheTaskIsInvalidAndChangesNothing() {
        ReportPick.Result result =
                report.execute(STORE, ORDER.value(), List.of(new PickLine(new Sku("SKU-0001"), 3)), CONTEXT);

        assertThat(result).isInstanceOf(ReportPick.Result.Invalid.class);
        assertThat(((ReportPick.Result.Invalid) result).problems())
                .extracting(p -> p.field())
                .containsExactly("lines[0].quantity", "lines");
        assertThat(fixture.pickTasks.find(ORDER).orElseThrow().status()).isEqualTo(PickStatus.OPEN);
        assertThat(fixture.callbacks.calls()).isEmpty();
    }

    @Test
    void anotherStoreAnUnknownOrderAndACancelledTaskAreNotFound() {
        assertThat(report.execute(OTHER_STORE, ORDER.value(), LINES, CONTEXT))
                .isInstanceOf(ReportPick.Result.NotFound.class);
        assertThat(report.execute(STORE, "ord_99999999999999999999999999", LINES, CONTEXT))
                .isInstanceOf(ReportPick.Result.NotFound.class);
        assertThat(report.execute(STORE, "not-an-order", LINES, CONTEXT))
                .isInstanceOf(ReportPick.Result.NotFound.class);
        fixture.pickTasks.put(fixture.pickTasks.find(ORDER).orElseThrow().cancel(fixture.clock.instant()));
        assertThat(report.execute(STORE, ORDER.value(), LINES, CONTEXT)).isInstanceOf(ReportPick.Result.NotFound.class);
        assertThat(fixture.pickTasks.outbox()).hasSize(1);
    }
}
