package dev.asynccommerce.fulfillment.application;

import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.CODE;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.CONTEXT;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.ESCALATION_TOKEN;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.LINES;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.ORDER;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.STORE;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.fulfillment.domain.CollectionStatus;
import dev.asynccommerce.fulfillment.domain.PickStatus;
import org.junit.jupiter.api.Test;

class CancelFulfillmentTest {
    private final FulfillmentFixture fixture = new FulfillmentFixture();
    private final CancelFulfillment cancel = fixture.wiring.cancelFulfillment();

    @Test
    void anOpenPickTaskIsClosedAndItsTokenFailedWithOrderCancelledAndTheReason() {
        fixture.createPickTask();

        EventOutcome outcome = cancel.execute(EventBridgeEvents.orderCancelled("store-001", "CUSTOMER_REQUESTED"));

        assertThat(outcome).isInstanceOf(EventOutcome.Handled.class);
        assertThat(fixture.pickTasks.find(ORDER).orElseThrow().status()).isEqualTo(PickStatus.CANCELLED);
        assertThat(fixture.wiring.listOpenPickTasks().execute(STORE)).isEmpty();
        assertThat(fixture.callbacks.delivered()).singleElement().satisfies(call -> {
            assertThat(call.token()).isEqualTo(TOKEN.value());
            assertThat(call.error()).isEqualTo("Order.Cancelled");
            assertThat(call.cause()).isEqualTo("CUSTOMER_REQUESTED");
        });
        assertThat(fixture.wiring.reportPick().execute(STORE, ORDER.value(), LINES, CONTEXT))
                .isInstanceOf(ReportPick.Result.NotFound.class);
    }

    @Test
    void aWaitForCollectionIsClosedAndItsTokenFailed() {
        fixture.awaitCollection();

        cancel.execute(EventBridgeEvents.orderCancelled("store-001", "OPERATOR"));

        assertThat(fixture.collectionWaits.find(ORDER).orElseThrow().status()).isEqualTo(CollectionStatus.CANCELLED);
        assertThat(fixture.callbacks.delivered())
                .singleElement()
                .extracting(RecordingCallbacks.Call::error)
                .isEqualTo("Order.Cancelled");
        assertThat(fixture.wiring.confirmCollection().execute(STORE, ORDER.value(), CODE))
                .isInstanceOf(ConfirmCollection.Result.NotFound.class);
    }

    @Test
    void theSameEventAgainDoesNothingMore() {
        fixture.createPickTask();
        String event = EventBridgeEvents.orderCancelled("store-001", "CUSTOMER_REQUESTED");
        cancel.execute(event);

        cancel.execute(event);

        assertThat(fixture.callbacks.calls()).hasSize(1);
    }

    @Test
    void aStepTheWorkflowStartsAfterTheCancelIsFailedAtOnce() {
        cancel.execute(EventBridgeEvents.orderCancelled("store-001", "CUSTOMER_REQUESTED"));

        fixture.createPickTask();
        fixture.wiring.awaitCollection().execute(fixture.awaitCommand(ESCALATION_TOKEN, false));

        assertThat(fixture.pickTasks.find(ORDER)).isEmpty();
        assertThat(fixture.collectionWaits.find(ORDER)).isEmpty();
        assertThat(fixture.callbacks.delivered())
                .extracting(RecordingCallbacks.Call::token, RecordingCallbacks.Call::error)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(TOKEN.value(), "Order.Cancelled"),
                        org.assertj.core.groups.Tuple.tuple(ESCALATION_TOKEN.value(), "Order.Cancelled"));
    }

    @Test
    void aReportedTaskStaysAsItIs() {
        fixture.createPickTask();
        fixture.wiring.reportPick().execute(STORE, ORDER.value(), LINES, CONTEXT);

        cancel.execute(EventBridgeEvents.orderCancelled("store-001", "CUSTOMER_REQUESTED"));

        assertThat(fixture.pickTasks.find(ORDER).orElseThrow().status()).isEqualTo(PickStatus.PICKED);
        assertThat(fixture.callbacks.calls()).hasSize(1);
    }

    @Test
    void anInvalidEventIsRefusedWithItsProblemsAndOtherEventsAreIgnored() {
        String broken = EventBridgeEvents.orderCancelled("store-001", "CUSTOMER_REQUESTED")
                .replace("\"CUSTOMER_REQUESTED\"", "\"BORED\"");

        assertThat(cancel.execute(broken)).isInstanceOf(EventOutcome.Invalid.class);
        assertThat(cancel.execute(EventBridgeEvents.orderConfirmed())).isInstanceOf(EventOutcome.Ignored.class);
        assertThat(fixture.cancelled.find(ORDER)).isEmpty();
    }
}
