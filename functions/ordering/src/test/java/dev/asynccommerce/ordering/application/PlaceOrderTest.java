package dev.asynccommerce.ordering.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.events.EventJson;
import dev.asynccommerce.events.OrderPlaced;
import dev.asynccommerce.kernel.CustomerId;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.ordering.domain.CustomerContact;
import dev.asynccommerce.ordering.domain.OrderStatus;
import dev.asynccommerce.ordering.domain.PaymentMethod;
import dev.asynccommerce.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaceOrderTest {
    private static final CommandContext CONTEXT = new CommandContext("corr-1", "req-1", null);

    private final MutableClock clock = MutableClock.at("2026-11-21T09:00:00Z");
    private final InMemoryOrderRepository orders = new InMemoryOrderRepository(clock);
    private final SequentialIdentities identities = new SequentialIdentities();
    private final PlaceOrder placeOrder =
            new PlaceOrder(orders, new FixedCatalog(), identities, new OrderMessages(identities), clock);

    private static CheckoutForm form(String storeId, CheckoutForm.Line... lines) {
        return new CheckoutForm(
                new CustomerId("c-123"),
                new CustomerContact("ana@example.com"),
                new StoreId(storeId),
                List.of(lines),
                List.of(new PaymentMethod(PaymentMethod.Type.CARD, "tok_visa")),
                List.of());
    }

    private static CheckoutForm.Line line(int index, String sku, int quantity) {
        return new CheckoutForm.Line(index, new Sku(sku), quantity);
    }

    @Test
    void aValidCheckoutPlacesAPricedOrderAndPutsOrderPlacedInTheOutbox() {
        var outcome = placeOrder.execute(
                form("store-001", line(0, "SKU-0001", 2), line(1, "SKU-0002", 1)), "key-0001", "fp-1", CONTEXT);

        assertThat(outcome).isInstanceOfSatisfying(PlaceOrder.Outcome.Accepted.class, a -> {
            assertThat(a.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
            assertThat(a.replayed()).isFalse();
            assertThat(orders.find(a.orderId()).orElseThrow().total().minorUnits())
                    .isEqualTo(2 * 1999 + 4550);
            assertThat(OrderAccess.permits(orders.find(a.orderId()).orElseThrow(), a.orderToken()))
                    .isTrue();
        });
        assertThat(orders.outbox()).singleElement().satisfies(m -> {
            assertThat(m.detailType()).isEqualTo("OrderPlaced");
            assertThat(m.source()).isEqualTo("commerce.ordering");
            assertThat(m.detailJson()).doesNotContain("ana@example.com");
            OrderPlaced placed =
                    (OrderPlaced) EventJson.read(m.detailType(), m.detailJson()).data();
            assertThat(placed.totalCents()).isEqualTo(2 * 1999 + 4550);
            assertThat(placed.lines()).hasSize(2);
            assertThat(EventJson.read(m.detailType(), m.detailJson()).metadata().correlationId())
                    .isEqualTo("corr-1");
        });
    }

    @Test
    void theSameKeyWithTheSameRequestGetsTheFirstAnswerAndPlacesNothingNew() {
        var first = (PlaceOrder.Outcome.Accepted)
                placeOrder.execute(form("store-001", line(0, "SKU-0001", 1)), "key-0001", "fp-1", CONTEXT);

        var second = placeOrder.execute(form("store-001", line(0, "SKU-0001", 1)), "key-0001", "fp-1", CONTEXT);

        assertThat(second)
                .isEqualTo(new PlaceOrder.Outcome.Accepted(
                        first.orderId(), OrderStatus.PENDING_PAYMENT, first.orderToken(), true));
        assertThat(orders.orderCount()).isEqualTo(1);
        assertThat(orders.outbox()).hasSize(1);
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefused() {
        placeOrder.execute(form("store-001", line(0, "SKU-0001", 1)), "key-0001", "fp-1", CONTEXT);

        var second = placeOrder.execute(form("store-001", line(0, "SKU-0001", 5)), "key-0001", "fp-2", CONTEXT);

        assertThat(second).isInstanceOf(PlaceOrder.Outcome.KeyReused.class);
        assertThat(orders.orderCount()).isEqualTo(1);
    }

    @Test
    void aKeyIsForgottenAfterItsRetention() {
        placeOrder.execute(form("store-001", line(0, "SKU-0001", 1)), "key-0001", "fp-1", CONTEXT);
        clock.advance(PlaceOrder.KEY_RETENTION.plus(Duration.ofSeconds(1)));

        var later = placeOrder.execute(form("store-001", line(0, "SKU-0001", 5)), "key-0001", "fp-2", CONTEXT);

        assertThat(later)
                .isInstanceOfSatisfying(
                        PlaceOrder.Outcome.Accepted.class,
                        a -> assertThat(a.replayed()).isFalse());
        assertThat(orders.orderCount()).isEqualTo(2);
    }

    @Test
    void unknownSkusAndStoresAreNamedTogetherWithTheFieldsTheParserRefusedAndNothingIsWritten() {
        CheckoutForm form = new CheckoutForm(
                new CustomerId("c-123"),
                new CustomerContact("ana@example.com"),
                new StoreId("store-999"),
                List.of(line(0, "SKU-0001", 1), line(1, "SKU-9999", 1), new CheckoutForm.Line(2, null, 0)),
                List.of(new PaymentMethod(PaymentMethod.Type.CARD, "tok_visa")),
                List.of(new InvalidField("lines[2].quantity", "must be between 1 and 100")));

        var outcome = placeOrder.execute(form, "key-0001", "fp-1", CONTEXT);

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        PlaceOrder.Outcome.Invalid.class,
                        i -> assertThat(i.errors())
                                .extracting(InvalidField::field)
                                .containsExactlyInAnyOrder("lines[2].quantity", "lines[1].sku", "fulfillment.storeId"));
        assertThat(orders.orderCount()).isZero();
        assertThat(orders.outbox()).isEmpty();
        assertThat(orders.checkoutKeys()).isEmpty();
    }

    @Test
    void ordersGetDistinctIds() {
        var a = (PlaceOrder.Outcome.Accepted)
                placeOrder.execute(form("store-001", line(0, "SKU-0001", 1)), "key-0001", "fp-1", CONTEXT);
        var b = (PlaceOrder.Outcome.Accepted)
                placeOrder.execute(form("store-001", line(0, "SKU-0001", 1)), "key-0002", "fp-1", CONTEXT);

        assertThat(a.orderId()).isNotEqualTo(b.orderId());
        assertThat(a.orderId()).isEqualTo(new OrderId("ord_00000000000000000000000001"));
    }
}
