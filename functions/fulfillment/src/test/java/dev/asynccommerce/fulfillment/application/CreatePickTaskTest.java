package dev.asynccommerce.fulfillment.application;

import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.CONTEXT;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.ESCALATION_TOKEN;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.LINES;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.ORDER;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.OTHER_STORE;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.PICKING_SLA;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.STORE;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynccommerce.events.EventJson;
import dev.asynccommerce.events.PickTaskCreated;
import dev.asynccommerce.fulfillment.domain.ConnectionId;
import dev.asynccommerce.fulfillment.domain.PickOutcome;
import dev.asynccommerce.fulfillment.domain.PickStatus;
import dev.asynccommerce.fulfillment.domain.PickTask;
import dev.asynccommerce.fulfillment.domain.TaskToken;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreatePickTaskTest {
    private final FulfillmentFixture fixture = new FulfillmentFixture();
    private final CreatePickTask create = fixture.wiring.createPickTask();

    @Test
    void theOpenTaskIsStoredWithItsTokenAndOnePickTaskCreated() {
        CreatePickTask.Outcome outcome = create.execute(fixture.pickTaskCommand(TOKEN, false), CONTEXT);

        PickTask task = fixture.pickTasks.find(ORDER).orElseThrow();
        assertThat(outcome).isEqualTo(new CreatePickTask.Outcome.Created(task));
        assertThat(task.status()).isEqualTo(PickStatus.OPEN);
        assertThat(task.token()).isEqualTo(TOKEN);
        assertThat(task.createdAt()).isEqualTo(fixture.clock.instant());
        assertThat(fixture.pickTasks.outbox()).singleElement().satisfies(message -> {
            assertThat(message.detailType()).isEqualTo("PickTaskCreated");
            assertThat(message.source()).isEqualTo("commerce.fulfillment");
            assertThat(message.traceHeader()).isEqualTo(CONTEXT.traceHeader());
            var detail = EventJson.read("PickTaskCreated", message.detailJson());
            assertThat(detail.metadata().correlationId()).isEqualTo(FulfillmentFixture.CORRELATION);
            assertThat(detail.metadata().causationId()).isEqualTo("request-1");
            assertThat(detail.metadata().sequence()).isEqualTo(1);
            PickTaskCreated data = (PickTaskCreated) detail.data();
            assertThat(data.storeId()).isEqualTo("store-001");
            assertThat(data.lines()).hasSize(2);
            assertThat(data.dueAt()).isEqualTo(FulfillmentFixture.DUE);
        });
        assertThat(fixture.callbacks.calls()).isEmpty();
    }

    @Test
    void theSameCallAgainChangesNothingAndPublishesNothing() {
        create.execute(fixture.pickTaskCommand(TOKEN, false), CONTEXT);
        PickTask first = fixture.pickTasks.find(ORDER).orElseThrow();

        CreatePickTask.Outcome again = create.execute(fixture.pickTaskCommand(TOKEN, false), CONTEXT);

        assertThat(again).isEqualTo(new CreatePickTask.Outcome.Waiting(first, false));
        assertThat(fixture.pickTasks.find(ORDER)).contains(first);
        assertThat(fixture.pickTasks.outbox()).hasSize(1);
    }

    @Test
    void anEscalationReplacesTheTokenOfTheSameTaskAndPushesItToThatStoreOnly() {
        create.execute(fixture.pickTaskCommand(TOKEN, false), CONTEXT);
        Instant createdAt = fixture.clock.instant();
        fixture.clock.advance(Duration.ofHours(2));
        Instant escalatedAt = fixture.clock.instant();
        // Devices connected two hours ago are gone by now (API Gateway's limit): these came since.
        ConnectionId device = fixture.connect(STORE, "Bq3rTd1EjoECI2g=");
        ConnectionId otherStoreDevice = fixture.connect(OTHER_STORE, "Bq3sA7xQjoECJ1A=");

        CreatePickTask.Outcome outcome = create.execute(fixture.pickTaskCommand(ESCALATION_TOKEN, true), CONTEXT);

        PickTask task = fixture.pickTasks.find(ORDER).orElseThrow();
        assertThat(outcome).isEqualTo(new CreatePickTask.Outcome.Waiting(task, true));
        assertThat(task.token()).isEqualTo(ESCALATION_TOKEN);
        assertThat(task.escalated()).isTrue();
        assertThat(task.createdAt()).isEqualTo(createdAt);
        assertThat(task.dueAt()).as("a fresh SLA from the escalation").isEqualTo(escalatedAt.plus(PICKING_SLA));
        assertThat(fixture.pickTasks.outbox()).as("no second PickTaskCreated").hasSize(1);
        assertThat(fixture.push.pushesTo(device))
                .singleElement()
                .extracting(RecordingDevicePush.Push::message)
                .isEqualTo(new StoreMessage.PickTaskEscalated(
                        ORDER, STORE, LINES, createdAt, escalatedAt.plus(PICKING_SLA)));
        assertThat(fixture.push.pushesTo(otherStoreDevice)).isEmpty();
    }

    @Test
    void theTaskIsDueTheSlaAfterItsCreationAndAfterItsEscalation() {
        fixture.clock.advance(Duration.ofMinutes(7));
        Instant createdAt = fixture.clock.instant();
        Duration sla = Duration.ofSeconds(5400);
        create.execute(command(TOKEN, false, sla), CONTEXT);

        assertThat(fixture.pickTasks.find(ORDER).orElseThrow().dueAt()).isEqualTo(createdAt.plusSeconds(5400));
        assertThat(fixture.pickTasks.outbox())
                .singleElement()
                .satisfies(m -> assertThat(((PickTaskCreated) EventJson.read("PickTaskCreated", m.detailJson())
                                        .data())
                                .dueAt())
                        .isEqualTo(createdAt.plusSeconds(5400)));

        fixture.clock.advance(Duration.ofMinutes(95));
        Instant escalatedAt = fixture.clock.instant();
        create.execute(command(ESCALATION_TOKEN, true, Duration.ofSeconds(1800)), CONTEXT);

        assertThat(fixture.pickTasks.find(ORDER).orElseThrow().dueAt()).isEqualTo(escalatedAt.plusSeconds(1800));
        assertThat(fixture.wiring.listOpenPickTasks().execute(STORE))
                .extracting(OpenPickTask::dueAt)
                .containsExactly(escalatedAt.plusSeconds(1800));
    }

    @Test
    void anEscalationOfATaskNotCreatedYetIsDueTheSlaFromNow() {
        create.execute(fixture.pickTaskCommand(ESCALATION_TOKEN, true), CONTEXT);

        PickTask task = fixture.pickTasks.find(ORDER).orElseThrow();
        assertThat(task.escalated()).isTrue();
        assertThat(task.dueAt()).isEqualTo(fixture.clock.instant().plus(PICKING_SLA));
    }

    @Test
    void aRetriedStepKeepsTheDueTimeTheStoreAlreadyHas() {
        create.execute(fixture.pickTaskCommand(TOKEN, false), CONTEXT);
        fixture.clock.advance(Duration.ofMinutes(10));
        create.execute(command(new TaskToken("AQCEAAAAKgAAAAMAAAAAAAAAAretry-token"), false, PICKING_SLA), CONTEXT);

        assertThat(fixture.pickTasks.find(ORDER).orElseThrow().dueAt()).isEqualTo(FulfillmentFixture.DUE);

        fixture.clock.advance(Duration.ofHours(2));
        create.execute(fixture.pickTaskCommand(ESCALATION_TOKEN, true), CONTEXT);
        PickTask escalated = fixture.pickTasks.find(ORDER).orElseThrow();
        fixture.clock.advance(Duration.ofMinutes(1));
        create.execute(command(new TaskToken("AQCEAAAAKgAAAAMAAAAAAAAAAthird-token"), true, PICKING_SLA), CONTEXT);

        assertThat(fixture.pickTasks.find(ORDER).orElseThrow().dueAt())
                .as("a retried escalation does not extend the fresh SLA")
                .isEqualTo(escalated.dueAt());
    }

    @Test
    void aPickingSlaThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> command(TOKEN, false, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> command(TOKEN, false, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static CreatePickTask.Command command(TaskToken token, boolean escalated, Duration sla) {
        return new CreatePickTask.Command(ORDER, STORE, LINES, sla, token, escalated, FulfillmentFixture.CORRELATION);
    }

    @Test
    void aCallForATaskReportedAlreadyAnswersTheNewTokenWithTheRecordedResult() {
        create.execute(fixture.pickTaskCommand(TOKEN, false), CONTEXT);
        fixture.wiring.reportPick().execute(STORE, ORDER.value(), LINES, CONTEXT);

        CreatePickTask.Outcome outcome = create.execute(fixture.pickTaskCommand(ESCALATION_TOKEN, true), CONTEXT);

        assertThat(outcome).isInstanceOf(CreatePickTask.Outcome.AlreadyReported.class);
        assertThat(fixture.callbacks.delivered())
                .extracting(RecordingCallbacks.Call::token, RecordingCallbacks.Call::result)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                TOKEN.value(), new WorkflowCallbacks.StepResult.Picked(PickOutcome.PICKED, LINES)),
                        org.assertj.core.groups.Tuple.tuple(
                                ESCALATION_TOKEN.value(),
                                new WorkflowCallbacks.StepResult.Picked(PickOutcome.PICKED, LINES)));
    }

    @Test
    void anOrderCancelledBeforeTheTaskGetsNoTaskAndItsTokenFailsWithOrderCancelled() {
        fixture.cancelled.record(new CancelledOrders.Cancellation(
                ORDER, STORE, "CUSTOMER_REQUESTED", "49bf4c15-734c-4294-bded-8b0f47c91a84", fixture.clock.instant()));

        CreatePickTask.Outcome outcome = create.execute(fixture.pickTaskCommand(TOKEN, false), CONTEXT);

        assertThat(outcome).isEqualTo(new CreatePickTask.Outcome.Cancelled());
        assertThat(fixture.pickTasks.find(ORDER)).isEmpty();
        assertThat(fixture.pickTasks.outbox()).isEmpty();
        assertThat(fixture.callbacks.calls()).singleElement().satisfies(call -> {
            assertThat(call.token()).isEqualTo(TOKEN.value());
            assertThat(call.error()).isEqualTo("Order.Cancelled");
            assertThat(call.cause()).isEqualTo("CUSTOMER_REQUESTED");
        });
    }

    @Test
    void aTaskThatKeepsChangingUnderneathGivesUpWithARetryableFailure() {
        create.execute(fixture.pickTaskCommand(TOKEN, false), CONTEXT);
        fixture.pickTasks.failNextSaves(CreatePickTask.MAX_ATTEMPTS);

        assertThatThrownBy(() -> create.execute(fixture.pickTaskCommand(ESCALATION_TOKEN, true), CONTEXT))
                .isInstanceOf(ConcurrentChangeException.class);
        assertThat(fixture.pickTasks.find(ORDER).orElseThrow().token()).isEqualTo(TOKEN);
    }

    @Test
    void oneConflictIsRetriedOnTheFreshTask() {
        create.execute(fixture.pickTaskCommand(TOKEN, false), CONTEXT);
        fixture.pickTasks.failNextSaves(1);

        create.execute(fixture.pickTaskCommand(ESCALATION_TOKEN, true), CONTEXT);

        assertThat(fixture.pickTasks.find(ORDER).orElseThrow().token()).isEqualTo(ESCALATION_TOKEN);
    }

    @Test
    void theStoresOpenTasksAreListedEarliestDueFirst() {
        create.execute(
                new CreatePickTask.Command(
                        FulfillmentFixture.OTHER_ORDER,
                        STORE,
                        LINES,
                        PICKING_SLA.minusSeconds(60),
                        ESCALATION_TOKEN,
                        false,
                        "corr-2"),
                CONTEXT);
        create.execute(fixture.pickTaskCommand(TOKEN, false), CONTEXT);

        List<OpenPickTask> open = fixture.wiring.listOpenPickTasks().execute(STORE);

        assertThat(open).extracting(OpenPickTask::orderId).containsExactly(FulfillmentFixture.OTHER_ORDER, ORDER);
        assertThat(fixture.wiring.listOpenPickTasks().execute(OTHER_STORE)).isEmpty();
    }
}
