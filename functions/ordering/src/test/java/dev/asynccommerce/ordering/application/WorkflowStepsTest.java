package dev.asynccommerce.ordering.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynccommerce.events.EventJson;
import dev.asynccommerce.events.EventType;
import dev.asynccommerce.events.OrderCancelled;
import dev.asynccommerce.events.OrderPaymentMethodsUpdated;
import dev.asynccommerce.events.OrderPlaced;
import dev.asynccommerce.events.PaymentMethod;
import dev.asynccommerce.events.PricedLine;
import dev.asynccommerce.ordering.domain.CancellationReason;
import dev.asynccommerce.ordering.domain.OrderFixtures;
import dev.asynccommerce.ordering.domain.OrderStatus;
import dev.asynccommerce.ordering.domain.PickupCode;
import dev.asynccommerce.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The order's side of the BOPIS workflow: its steps, the payment wait, and the signals that end it. */
class WorkflowStepsTest {
    private static final CommandContext CONTEXT = new CommandContext("corr-1", "workflow:STEP", null);
    private static final String ORDER = OrderFixtures.ORDER_ID.value();

    private final MutableClock clock = MutableClock.at("2026-11-21T10:00:00Z");
    private final InMemoryOrderRepository orders = new InMemoryOrderRepository(clock);
    private final SequentialIdentities identities = new SequentialIdentities();
    private final OrderChanges changes = new OrderChanges(orders, new OrderMessages(identities));
    private final InMemoryPaymentWaits waits = new InMemoryPaymentWaits();
    private final RecordingCallbacks callbacks = new RecordingCallbacks();
    private final AdvanceOrder advance = new AdvanceOrder(changes, identities, clock);
    private final FailPayment failPayment = new FailPayment(changes, waits, callbacks, Duration.ofDays(1), clock);
    private final WorkflowSignals signals = new WorkflowSignals(waits, callbacks);

    private AdvanceOrder.Outcome step(AdvanceOrder.Step step) {
        return advance.execute(step, ORDER, Optional.empty(), Optional.empty(), CONTEXT);
    }

    private OrderStatus stored() {
        return orders.find(OrderFixtures.ORDER_ID).orElseThrow().status();
    }

    private List<String> published() {
        return orders.outbox().stream().map(OutboxMessage::detailType).toList();
    }

    @Nested
    class Steps {
        @Test
        void confirmingAPlacedOrderConfirmsItAndPublishesOrderConfirmed() {
            orders.put(OrderFixtures.placed());

            assertThat(step(AdvanceOrder.Step.CONFIRM))
                    .isEqualTo(new AdvanceOrder.Outcome(true, OrderStatus.CONFIRMED, Optional.empty()));
            assertThat(stored()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(published()).containsExactly("OrderConfirmed");
        }

        @Test
        void aStepTheOrderRefusesIsAnAnswerAndChangesNothing() {
            orders.put(OrderFixtures.changed(
                    OrderFixtures.placed().cancel(CancellationReason.CUSTOMER_REQUESTED, clock.instant())));

            assertThat(step(AdvanceOrder.Step.CONFIRM))
                    .isEqualTo(new AdvanceOrder.Outcome(false, OrderStatus.CANCELLED, Optional.empty()));
            assertThat(published()).isEmpty();
        }

        @Test
        void readyForPickupMintsOneCodeAndARetriedStepAnswersTheSameCode() {
            orders.put(OrderFixtures.picking());

            AdvanceOrder.Outcome first = step(AdvanceOrder.Step.READY_FOR_PICKUP);
            AdvanceOrder.Outcome retried = step(AdvanceOrder.Step.READY_FOR_PICKUP);

            assertThat(first.applied()).isTrue();
            assertThat(first.status()).isEqualTo(OrderStatus.READY_FOR_PICKUP);
            assertThat(first.pickupCode()).contains(new PickupCode("481001"));
            assertThat(retried).isEqualTo(first);
            assertThat(published()).containsExactly("OrderReadyForPickup");
        }

        @Test
        void collectingTakesTheCodeTheWorkflowCarries() {
            orders.put(OrderFixtures.ready());

            assertThat(advance.execute(
                                    AdvanceOrder.Step.COLLECT,
                                    ORDER,
                                    Optional.empty(),
                                    Optional.of(new PickupCode("000000")),
                                    CONTEXT)
                            .applied())
                    .isFalse();
            assertThat(advance.execute(
                                    AdvanceOrder.Step.COLLECT,
                                    ORDER,
                                    Optional.empty(),
                                    Optional.of(OrderFixtures.CODE),
                                    CONTEXT)
                            .status())
                    .isEqualTo(OrderStatus.COLLECTED);
            assertThat(published()).containsExactly("OrderCollected");
        }

        @Test
        void cancellingNamesItsReasonInTheEvent() {
            orders.put(OrderFixtures.placed());

            advance.execute(
                    AdvanceOrder.Step.CANCEL,
                    ORDER,
                    Optional.of(CancellationReason.OUT_OF_STOCK),
                    Optional.empty(),
                    CONTEXT);

            var message = orders.outbox().getFirst();
            assertThat(EventJson.read(message.detailType(), message.detailJson())
                            .data())
                    .isEqualTo(new OrderCancelled(ORDER, "store-001", "OUT_OF_STOCK", "PENDING_PAYMENT"));
        }

        @Test
        void stepsWithoutWhatTheyNeedOrForNoOrderAreErrors() {
            orders.put(OrderFixtures.placed());

            assertThatThrownBy(() -> step(AdvanceOrder.Step.CANCEL))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("CANCEL needs reason");
            assertThatThrownBy(() -> advance.execute(
                            AdvanceOrder.Step.CONFIRM,
                            "ord_zzzzzzzzzzzzzzzzzzzzzzzzzz",
                            Optional.empty(),
                            Optional.empty(),
                            CONTEXT))
                    .isInstanceOf(AdvanceOrder.UnknownOrderException.class);
            assertThat(published()).isEmpty();
        }

        @Test
        void anOrderThatKeepsChangingIsAnErrorTheWorkflowRetries() {
            orders.put(OrderFixtures.placed());
            orders.simulateConflicts(OrderChanges.MAX_ATTEMPTS);

            assertThatThrownBy(() -> step(AdvanceOrder.Step.CONFIRM))
                    .isInstanceOf(AdvanceOrder.OrderContendedException.class);
        }
    }

    @Nested
    class PaymentWait {
        @Test
        void aFailedPaymentParksTheOrderAndKeepsTheTokenPastTheRetryWindow() {
            orders.put(OrderFixtures.placed());

            var outcome = failPayment.execute(ORDER, "all methods declined", "token-1", CONTEXT);

            assertThat(outcome.status()).isEqualTo(OrderStatus.PAYMENT_FAILED);
            assertThat(waits.find(OrderFixtures.ORDER_ID)).contains("token-1");
            assertThat(waits.expiryOf(OrderFixtures.ORDER_ID))
                    .contains(clock.instant().plus(Duration.ofDays(2)));
            assertThat(callbacks.answers()).isEmpty();
            assertThat(published()).containsExactly("OrderPaymentFailed");
        }

        @Test
        void anOrderCancelledMeanwhileFailsTheWaitAtOnce() {
            orders.put(OrderFixtures.changed(
                    OrderFixtures.placed().cancel(CancellationReason.CUSTOMER_REQUESTED, clock.instant())));

            var outcome = failPayment.execute(ORDER, "all methods declined", "token-1", CONTEXT);

            assertThat(outcome.applied()).isFalse();
            assertThat(callbacks.answers())
                    .containsExactly(new RecordingCallbacks.Answer(
                            "token-1", "fail", "Order.Cancelled: the order is CANCELLED"));
            assertThat(waits.find(OrderFixtures.ORDER_ID)).isEmpty();
        }

        @Test
        void newPaymentMethodsResumeTheWaitOnceEvenWhenTheEventComesTwice() {
            waits.remember(OrderFixtures.ORDER_ID, "token-1", clock.instant().plus(Duration.ofDays(2)));
            String event = EventBridgeEvents.of(
                    EventType.ORDER_PAYMENT_METHODS_UPDATED,
                    "00000000-0000-4000-8000-000000000007",
                    ORDER,
                    3,
                    new OrderPaymentMethodsUpdated(ORDER, List.of(new PaymentMethod("WALLET", "tok_wallet")), 2));

            assertThat(signals.handle(event)).isEqualTo(WorkflowSignals.Effect.RESUMED);
            assertThat(signals.handle(event)).isEqualTo(WorkflowSignals.Effect.NOT_WAITING);
            assertThat(callbacks.answers())
                    .containsExactly(new RecordingCallbacks.Answer(
                            "token-1", "resumePayment", "attempt 2 [Method[type=WALLET, token=tok_wallet]]"));
        }

        @Test
        void aCancelFailsTheWaitWithOrderCancelled() {
            waits.remember(OrderFixtures.ORDER_ID, "token-1", clock.instant().plus(Duration.ofDays(2)));

            var effect = signals.handle(EventBridgeEvents.of(
                    EventType.ORDER_CANCELLED,
                    "00000000-0000-4000-8000-000000000008",
                    ORDER,
                    3,
                    new OrderCancelled(ORDER, "store-001", "CUSTOMER_REQUESTED", "PAYMENT_FAILED")));

            assertThat(effect).isEqualTo(WorkflowSignals.Effect.FAILED);
            assertThat(callbacks.answers())
                    .containsExactly(
                            new RecordingCallbacks.Answer("token-1", "fail", "Order.Cancelled: CUSTOMER_REQUESTED"));
        }

        @Test
        void aCancelOfAnOrderThatIsNotWaitingHereTouchesNoWorkflow() {
            var effect = signals.handle(EventBridgeEvents.of(
                    EventType.ORDER_CANCELLED,
                    "00000000-0000-4000-8000-000000000008",
                    ORDER,
                    3,
                    new OrderCancelled(ORDER, "store-001", "CUSTOMER_REQUESTED", "PICKING")));

            assertThat(effect).isEqualTo(WorkflowSignals.Effect.NOT_WAITING);
            assertThat(callbacks.answers()).isEmpty();
        }
    }

    @Nested
    class Start {
        private final RecordingWorkflows workflows = new RecordingWorkflows();
        private final StartFulfillment start = new StartFulfillment(workflows);
        private final String placed = EventBridgeEvents.of(
                EventType.ORDER_PLACED,
                "00000000-0000-4000-8000-000000000001",
                ORDER,
                1,
                new OrderPlaced(
                        ORDER,
                        "c-123",
                        "store-001",
                        "PICKUP",
                        List.of(new PricedLine("SKU-0001", 2, 1999)),
                        3998,
                        "EUR",
                        List.of(new PaymentMethod("CARD", "tok_visa"))));

        @Test
        void anOrderPlacedStartsOneExecutionNamedAfterTheOrderWithTheEventAsInput() {
            assertThat(start.handle(placed)).isEqualTo(StartFulfillment.Effect.STARTED);
            assertThat(start.handle(placed)).isEqualTo(StartFulfillment.Effect.ALREADY_STARTED);
            assertThat(workflows.executions()).containsExactly(java.util.Map.entry(ORDER, placed));
        }

        @Test
        void anyOtherEventIsRefused() {
            String cancelled = EventBridgeEvents.of(
                    EventType.ORDER_CANCELLED,
                    "00000000-0000-4000-8000-000000000008",
                    ORDER,
                    3,
                    new OrderCancelled(ORDER, "store-001", "CUSTOMER_REQUESTED", "PICKING"));

            assertThatThrownBy(() -> start.handle(cancelled)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> start.handle("{\"detail-type\":\"OrderPlaced\"}"))
                    .isInstanceOf(dev.asynccommerce.events.InvalidEventException.class);
            assertThat(workflows.executions()).isEmpty();
        }
    }
}
