package dev.asynccommerce.ordering.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.events.EventJson;
import dev.asynccommerce.events.OrderCancelled;
import dev.asynccommerce.ordering.domain.Order;
import dev.asynccommerce.ordering.domain.OrderFixtures;
import dev.asynccommerce.ordering.domain.OrderStatus;
import dev.asynccommerce.ordering.domain.PaymentMethod;
import dev.asynccommerce.ordering.domain.Refusal;
import dev.asynccommerce.testkit.MutableClock;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderChangesTest {
    private static final CommandContext CONTEXT = new CommandContext("corr-1", "req-1", null);
    private static final String TOKEN = "the-token";

    private final MutableClock clock = MutableClock.at("2026-11-21T10:00:00Z");
    private final InMemoryOrderRepository orders = new InMemoryOrderRepository(clock);
    private final SequentialIdentities identities = new SequentialIdentities();
    private final OrderChanges changes = new OrderChanges(orders, new OrderMessages(identities));
    private final CancelOrder cancel = new CancelOrder(changes, clock);
    private final ReplacePaymentMethods replace = new ReplacePaymentMethods(changes, clock);

    private Order stored(Order order) {
        Order withToken = OrderFixtures.copy(order, order.id(), OrderAccess.digest(TOKEN));
        orders.put(withToken);
        return withToken;
    }

    @Test
    void cancellingAConfirmedOrderCancelsItAndPublishesTheStatusItLeft() {
        Order order = stored(OrderFixtures.confirmed());

        var result = cancel.execute(order.id().value(), TOKEN, CONTEXT);

        assertThat(result)
                .isInstanceOfSatisfying(
                        OrderChanges.Result.Changed.class,
                        c -> assertThat(c.order().status()).isEqualTo(OrderStatus.CANCELLED));
        assertThat(orders.find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        var message = orders.outbox().getFirst();
        var detail = EventJson.read(message.detailType(), message.detailJson());
        assertThat(detail.data())
                .isEqualTo(new OrderCancelled(order.id().value(), "store-001", "CUSTOMER_REQUESTED", "CONFIRMED"));
        assertThat(detail.metadata().sequence()).isEqualTo(order.version() + 1);
    }

    @Test
    void aWrongTokenIsTheSameAnswerAsNoOrderAndChangesNothing() {
        Order order = stored(OrderFixtures.confirmed());

        assertThat(cancel.execute(order.id().value(), "not-the-token", CONTEXT))
                .isInstanceOf(OrderChanges.Result.NotFound.class);
        assertThat(cancel.execute("ord_zzzzzzzzzzzzzzzzzzzzzzzzzz", TOKEN, CONTEXT))
                .isInstanceOf(OrderChanges.Result.NotFound.class);
        assertThat(cancel.execute("../../etc/passwd", TOKEN, CONTEXT)).isInstanceOf(OrderChanges.Result.NotFound.class);
        assertThat(orders.find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(orders.outbox()).isEmpty();
    }

    @Test
    void aCollectedOrderCannotBeCancelled() {
        Order order = stored(OrderFixtures.changed(OrderFixtures.ready().collect(OrderFixtures.CODE, clock.instant())));

        var result = cancel.execute(order.id().value(), TOKEN, CONTEXT);

        assertThat(result)
                .isInstanceOfSatisfying(
                        OrderChanges.Result.Refused.class,
                        r -> assertThat(r.refusal().reason()).isEqualTo(Refusal.Reason.ALREADY_ENDED));
        assertThat(orders.outbox()).isEmpty();
    }

    @Test
    void aConcurrentWriterMakesItReloadAndTryAgain() {
        Order order = stored(OrderFixtures.confirmed());
        orders.simulateConflicts(2);

        var result = cancel.execute(order.id().value(), TOKEN, CONTEXT);

        assertThat(result).isInstanceOf(OrderChanges.Result.Changed.class);
        assertThat(orders.outbox()).hasSize(1);
    }

    @Test
    void itGivesUpAfterRepeatedConflictsWithoutWriting() {
        Order order = stored(OrderFixtures.confirmed());
        orders.simulateConflicts(OrderChanges.MAX_ATTEMPTS);

        assertThat(cancel.execute(order.id().value(), TOKEN, CONTEXT))
                .isInstanceOf(OrderChanges.Result.Contended.class);
        assertThat(orders.outbox()).isEmpty();
    }

    @Test
    void newPaymentMethodsResumeAFailedOrder() {
        Order order = stored(OrderFixtures.paymentFailed());
        var wallet = List.of(new PaymentMethod(PaymentMethod.Type.WALLET, "tok_wallet"));

        var result = replace.execute(order.id().value(), TOKEN, wallet, CONTEXT);

        assertThat(result).isInstanceOfSatisfying(OrderChanges.Result.Changed.class, c -> {
            assertThat(c.order().status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
            assertThat(c.order().paymentAttempt()).isEqualTo(2);
        });
        assertThat(orders.outbox().getFirst().detailType()).isEqualTo("OrderPaymentMethodsUpdated");
    }

    @Test
    void newPaymentMethodsAreRefusedWhileTheFirstPaymentIsStillPending() {
        Order order = stored(OrderFixtures.placed());

        var result = replace.execute(order.id().value(), TOKEN, order.paymentMethods(), CONTEXT);

        assertThat(result).isInstanceOf(OrderChanges.Result.Refused.class);
    }
}
