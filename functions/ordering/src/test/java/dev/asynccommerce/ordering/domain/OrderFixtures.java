package dev.asynccommerce.ordering.domain;

import dev.asynccommerce.kernel.CustomerId;
import dev.asynccommerce.kernel.Money;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.time.Instant;
import java.util.List;

/** Builders for orders in each status, reached through the domain's own transitions. */
public final class OrderFixtures {
    public static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
    public static final OrderId ORDER_ID = new OrderId("ord_0123456789abcdefghijklmnop");
    public static final PickupCode CODE = new PickupCode("482913");

    private OrderFixtures() {}

    public static List<OrderLine> twoLines() {
        return List.of(
                new OrderLine(new Sku("SKU-0001"), "Espresso beans 1kg", 2, Money.of(1999, "EUR")),
                new OrderLine(new Sku("SKU-0002"), "Milk frother", 1, Money.of(4550, "EUR")));
    }

    public static List<PaymentMethod> cardThenWallet() {
        return List.of(
                new PaymentMethod(PaymentMethod.Type.CARD, "tok_visa"),
                new PaymentMethod(PaymentMethod.Type.WALLET, "tok_wallet"));
    }

    public static Order placed() {
        Decision decision = Order.place(
                ORDER_ID,
                new CustomerId("c-123"),
                new CustomerContact("ana@example.com"),
                new StoreId("store-001"),
                twoLines(),
                cardThenWallet(),
                "digest",
                T0);
        return ((Decision.Changed) decision).order();
    }

    public static Order confirmed() {
        return changed(placed().confirm(T0.plusSeconds(1)));
    }

    public static Order picking() {
        return changed(confirmed().startPicking(T0.plusSeconds(2)));
    }

    public static Order ready() {
        return changed(picking().markReadyForPickup(CODE, T0.plusSeconds(3)));
    }

    public static Order paymentFailed() {
        return changed(placed().failPayment("all methods declined", T0.plusSeconds(1)));
    }

    /** The same order under another id and token digest, as if a different checkout had placed it. */
    public static Order copy(Order o, OrderId id, String accessDigest) {
        return new Order(
                id,
                o.customerId(),
                o.contact(),
                o.storeId(),
                o.lines(),
                o.paymentMethods(),
                o.paymentAttempt(),
                o.status(),
                o.pickupCode(),
                accessDigest,
                o.timeline(),
                o.version(),
                o.revision());
    }

    public static Order changed(Decision decision) {
        if (decision instanceof Decision.Changed changed) {
            return changed.order();
        }
        throw new AssertionError("expected a change, got " + decision);
    }
}
