package dev.asynccommerce.fulfillment.application;

import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.LINES;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.ORDER;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.OTHER_STORE;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.STORE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynccommerce.fulfillment.domain.ConnectionId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NotifyStoreTest {
    private final FulfillmentFixture fixture = new FulfillmentFixture();
    private final NotifyStore notify = fixture.wiring.notifyStore();
    private final ConnectionId first = fixture.connect(STORE, "Bq3rTd1EjoECI2g=");
    private final ConnectionId second = fixture.connect(STORE, "Bq3sA7xQjoECJ1A=");
    private final ConnectionId elsewhere = fixture.connect(OTHER_STORE, "Bq3tKp0AjoECK9w=");

    @Test
    void aPickTaskCreatedReachesEveryDeviceOfItsStoreAndNoOther() {
        EventOutcome outcome = notify.execute(EventBridgeEvents.pickTaskCreated(EventBridgeEvents.CREATED_EVENT_ID));

        assertThat(outcome).isInstanceOf(EventOutcome.Handled.class);
        StoreMessage expected = new StoreMessage.PickTaskCreated(
                ORDER, STORE, LINES, Instant.parse("2026-11-21T09:00:00Z"), FulfillmentFixture.DUE);
        assertThat(fixture.push.pushes())
                .extracting(RecordingDevicePush.Push::connection, RecordingDevicePush.Push::message)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(first, expected),
                        org.assertj.core.groups.Tuple.tuple(second, expected));
        assertThat(fixture.push.pushesTo(elsewhere)).isEmpty();
    }

    @Test
    void anOrderCancelledIsPushedWithItsReason() {
        notify.execute(EventBridgeEvents.orderCancelled("store-001", "CUSTOMER_REQUESTED"));

        assertThat(fixture.push.pushesTo(first))
                .extracting(RecordingDevicePush.Push::message)
                .containsExactly(new StoreMessage.OrderCancelled(ORDER, STORE, "CUSTOMER_REQUESTED"));
    }

    @Test
    void theSameEventAgainPushesNothing() {
        String event = EventBridgeEvents.pickTaskCreated(EventBridgeEvents.CREATED_EVENT_ID);
        notify.execute(event);

        assertThat(notify.execute(event)).isEqualTo(new EventOutcome.Duplicate(EventBridgeEvents.CREATED_EVENT_ID));
        assertThat(fixture.push.pushes()).hasSize(2);
    }

    @Test
    void aDeviceThatLeftIsForgotten() {
        fixture.push.leave(second);

        notify.execute(EventBridgeEvents.pickTaskCreated(EventBridgeEvents.CREATED_EVENT_ID));

        assertThat(fixture.connections.connectedTo(STORE)).containsExactly(first);
    }

    @Test
    void aFailedPushStillReachesTheOthersAndGivesTheEventUpForTheRetry() {
        fixture.push.failFor(first, true);
        String event = EventBridgeEvents.pickTaskCreated(EventBridgeEvents.CREATED_EVENT_ID);

        assertThatThrownBy(() -> notify.execute(event)).isInstanceOf(StoreDevices.PushFailedException.class);
        assertThat(fixture.push.pushesTo(second)).hasSize(1);
        assertThat(fixture.inbox.claims()).isEmpty();

        fixture.push.failFor(first, false);
        assertThat(notify.execute(event)).isInstanceOf(EventOutcome.Handled.class);
        assertThat(fixture.push.pushesTo(first)).hasSize(1);
    }

    @Test
    void otherEventsAreIgnoredAndInvalidOnesRefused() {
        assertThat(notify.execute(EventBridgeEvents.orderConfirmed())).isInstanceOf(EventOutcome.Ignored.class);
        assertThat(notify.execute("{\"detail-type\":\"PickTaskCreated\"}")).isInstanceOf(EventOutcome.Invalid.class);
        assertThat(notify.execute("not json")).isInstanceOf(EventOutcome.Invalid.class);
        assertThat(fixture.push.pushes()).isEmpty();
    }

    @Test
    void aLateDeviceCatchesUpWithItsStoresOpenTasksOnly() {
        fixture.createPickTask();
        ConnectionId late = fixture.connect(STORE, "Bq3uLate0joECL1A=");

        SyncDevice.Outcome outcome = fixture.wiring.syncDevice().execute(late);

        assertThat(outcome).isEqualTo(new SyncDevice.Outcome.Synced(STORE, 1));
        assertThat(fixture.push.pushes()).singleElement().satisfies(push -> {
            assertThat(push.connection()).isEqualTo(late);
            StoreMessage.PickTasks tasks = (StoreMessage.PickTasks) push.message();
            assertThat(tasks.storeId()).isEqualTo(STORE);
            assertThat(tasks.tasks()).extracting(OpenPickTask::orderId).containsExactly(ORDER);
        });
        assertThat(fixture.wiring.syncDevice().execute(elsewhere))
                .isEqualTo(new SyncDevice.Outcome.Synced(OTHER_STORE, 0));
        assertThat(fixture.wiring.syncDevice().execute(new ConnectionId("unknownConn1=")))
                .isEqualTo(new SyncDevice.Outcome.NotConnected());
    }
}
