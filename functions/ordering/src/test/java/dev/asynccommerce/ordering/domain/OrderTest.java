package dev.asynccommerce.ordering.domain;

import static dev.asynccommerce.ordering.domain.OrderFixtures.CODE;
import static dev.asynccommerce.ordering.domain.OrderFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynccommerce.kernel.CustomerId;
import dev.asynccommerce.kernel.Money;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OrderTest {
    private static final Instant LATER = T0.plusSeconds(60);

    @Test
    void placingAnOrderLeavesItPendingPaymentWithItsTotalAndAnOrderPlacedEvent() {
        Order order = OrderFixtures.placed();

        assertThat(order.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(order.total()).isEqualTo(Money.of(2 * 1999 + 4550, "EUR"));
        assertThat(order.version()).isEqualTo(1);
        assertThat(order.timeline()).extracting(TimelineEntry::event).containsExactly("OrderPlaced");
        assertThat(order.visiblePickupCode()).isEmpty();
    }

    @Test
    void placingRefusesLinesPricedInTwoCurrencies() {
        Decision decision = Order.place(
                OrderFixtures.ORDER_ID,
                new CustomerId("c-1"),
                new CustomerContact("a@example.com"),
                new StoreId("store-001"),
                List.of(
                        new OrderLine(new Sku("SKU-0001"), "a", 1, Money.of(100, "EUR")),
                        new OrderLine(new Sku("SKU-0002"), "b", 1, Money.of(100, "USD"))),
                OrderFixtures.cardThenWallet(),
                "digest",
                T0);

        assertThat(decision)
                .isInstanceOfSatisfying(
                        Decision.Refused.class,
                        r -> assertThat(r.refusal().reason()).isEqualTo(Refusal.Reason.MIXED_CURRENCIES));
    }

    @Test
    void theHappyPathRunsToCollectedAndEachStepYieldsItsEventAndVersion() {
        Order order = OrderFixtures.placed();
        Decision confirmed = order.confirm(T0.plusSeconds(1));
        order = OrderFixtures.changed(confirmed);
        assertThat(((Decision.Changed) confirmed).event()).isInstanceOf(OrderEvent.Confirmed.class);

        order = OrderFixtures.changed(order.startPicking(T0.plusSeconds(2)));
        Decision ready = order.markReadyForPickup(CODE, T0.plusSeconds(3));
        order = OrderFixtures.changed(ready);
        assertThat(((Decision.Changed) ready).event())
                .isEqualTo(new OrderEvent.ReadyForPickup(order.id(), order.storeId(), CODE, T0.plusSeconds(3)));
        assertThat(order.visiblePickupCode()).contains(CODE);

        Decision collected = order.collect(new PickupCode("482913"), T0.plusSeconds(4));
        order = OrderFixtures.changed(collected);

        assertThat(order.status()).isEqualTo(OrderStatus.COLLECTED);
        assertThat(order.version()).isEqualTo(5);
        assertThat(order.visiblePickupCode()).isEmpty();
        assertThat(order.timeline())
                .extracting(TimelineEntry::event)
                .containsExactly(
                        "OrderPlaced",
                        "OrderConfirmed",
                        "OrderPickingStarted",
                        "OrderReadyForPickup",
                        "OrderCollected");
    }

    @Test
    void aWrongPickupCodeIsRefusedAndChangesNothing() {
        Order ready = OrderFixtures.ready();

        Decision decision = ready.collect(new PickupCode("000000"), LATER);

        assertThat(decision)
                .isInstanceOfSatisfying(
                        Decision.Refused.class,
                        r -> assertThat(r.refusal().reason()).isEqualTo(Refusal.Reason.WRONG_PICKUP_CODE));
        assertThat(ready.status()).isEqualTo(OrderStatus.READY_FOR_PICKUP);
    }

    @Nested
    class RepeatingATransitionIsANoOp {
        @Test
        void confirmingTwice() {
            Order confirmed = OrderFixtures.confirmed();
            assertThat(confirmed.confirm(LATER)).isEqualTo(new Decision.Unchanged(confirmed));
        }

        @Test
        void markingReadyTwiceWithTheSameCode() {
            Order ready = OrderFixtures.ready();
            assertThat(ready.markReadyForPickup(CODE, LATER)).isEqualTo(new Decision.Unchanged(ready));
        }

        @Test
        void collectingTwiceWithTheRightCode() {
            Order collected = OrderFixtures.changed(OrderFixtures.ready().collect(CODE, LATER));
            assertThat(collected.collect(CODE, LATER)).isEqualTo(new Decision.Unchanged(collected));
        }

        @Test
        void cancellingTwice() {
            Order cancelled =
                    OrderFixtures.changed(OrderFixtures.placed().cancel(CancellationReason.CUSTOMER_REQUESTED, LATER));
            assertThat(cancelled.cancel(CancellationReason.CUSTOMER_REQUESTED, LATER))
                    .isEqualTo(new Decision.Unchanged(cancelled));
        }
    }

    @Nested
    class IllegalTransitionsAreRefusedAsValues {
        @Test
        void confirmingACancelledOrderSaysItHasEnded() {
            Order cancelled =
                    OrderFixtures.changed(OrderFixtures.placed().cancel(CancellationReason.CUSTOMER_REQUESTED, LATER));

            assertThat(cancelled.confirm(LATER))
                    .isInstanceOfSatisfying(
                            Decision.Refused.class,
                            r -> assertThat(r.refusal().reason()).isEqualTo(Refusal.Reason.ALREADY_ENDED));
        }

        @Test
        void collectingAnOrderThatIsNotReady() {
            assertThat(OrderFixtures.picking().collect(CODE, LATER))
                    .isInstanceOfSatisfying(
                            Decision.Refused.class,
                            r -> assertThat(r.refusal().reason()).isEqualTo(Refusal.Reason.ILLEGAL_TRANSITION));
        }

        @Test
        void skippingPicking() {
            assertThat(OrderFixtures.confirmed().markReadyForPickup(CODE, LATER))
                    .isInstanceOf(Decision.Refused.class);
        }

        @Test
        void cancellingACollectedOrder() {
            Order collected = OrderFixtures.changed(OrderFixtures.ready().collect(CODE, LATER));

            assertThat(collected.cancel(CancellationReason.CUSTOMER_REQUESTED, LATER))
                    .isInstanceOfSatisfying(
                            Decision.Refused.class,
                            r -> assertThat(r.refusal().reason()).isEqualTo(Refusal.Reason.ALREADY_ENDED));
        }

        @Test
        void expiringAnOrderTheStoreIsStillPicking() {
            assertThat(OrderFixtures.picking().expire(LATER)).isInstanceOf(Decision.Refused.class);
        }

        @Test
        void changingPaymentMethodsWhilePaymentIsPending() {
            assertThat(OrderFixtures.placed().replacePaymentMethods(OrderFixtures.cardThenWallet(), LATER))
                    .isInstanceOf(Decision.Refused.class);
        }
    }

    @Test
    void cancellingRecordsTheReasonAndTheStatusItLeft() {
        Order picking = OrderFixtures.picking();

        Decision decision = picking.cancel(CancellationReason.SHORT_PICK, LATER);

        assertThat(decision).isInstanceOfSatisfying(Decision.Changed.class, c -> {
            assertThat(c.order().status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(c.event())
                    .isEqualTo(new OrderEvent.Cancelled(
                            picking.id(),
                            picking.storeId(),
                            CancellationReason.SHORT_PICK,
                            OrderStatus.PICKING,
                            LATER));
            assertThat(c.order().timeline().getLast().detail()).isEqualTo("SHORT_PICK");
        });
    }

    @Test
    void newPaymentMethodsResumeAFailedPaymentWithTheNextAttempt() {
        Order failed = OrderFixtures.paymentFailed();
        List<PaymentMethod> wallet = List.of(new PaymentMethod(PaymentMethod.Type.WALLET, "tok_wallet"));

        Decision decision = failed.replacePaymentMethods(wallet, LATER);

        assertThat(decision).isInstanceOfSatisfying(Decision.Changed.class, c -> {
            assertThat(c.order().status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
            assertThat(c.order().paymentMethods()).isEqualTo(wallet);
            assertThat(c.order().paymentAttempt()).isEqualTo(2);
            assertThat(c.event()).isEqualTo(new OrderEvent.PaymentMethodsUpdated(failed.id(), wallet, 2, LATER));
        });
    }

    @Test
    void aReadyOrderNobodyCollectsExpires() {
        Decision decision = OrderFixtures.ready().expire(LATER);

        assertThat(decision)
                .isInstanceOfSatisfying(
                        Decision.Changed.class,
                        c -> assertThat(c.order().status()).isEqualTo(OrderStatus.EXPIRED));
    }

    @Test
    void personalDataAndSecretsStayOutOfToString() {
        Order order = OrderFixtures.ready();

        assertThat(order.toString()).doesNotContain("ana@example.com", "tok_visa", "482913");
    }

    @Test
    void aCardNumberIsNotAcceptedAsAPaymentToken() {
        assertThat(PaymentMethod.isValidToken("4111111111111111")).isFalse();
        assertThat(PaymentMethod.isValidToken("tok_visa")).isTrue();
        assertThatThrownBy(() -> new PaymentMethod(PaymentMethod.Type.CARD, "4111111111111111"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("4111");
    }
}
