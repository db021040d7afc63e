package dev.asynccommerce.ordering.application;

import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.ordering.domain.PickupCode;
import java.util.concurrent.atomic.AtomicInteger;

/** Predictable ids and tokens, so tests can name what they expect. */
public final class SequentialIdentities implements Identities {
    private final AtomicInteger orders = new AtomicInteger();
    private final AtomicInteger events = new AtomicInteger();
    private final AtomicInteger tokens = new AtomicInteger();
    private final AtomicInteger codes = new AtomicInteger(481_000);

    @Override
    public OrderId newOrderId() {
        return new OrderId("ord_" + "%026d".formatted(orders.incrementAndGet()));
    }

    @Override
    public String newEventId() {
        return "00000000-0000-4000-8000-%012d".formatted(events.incrementAndGet());
    }

    @Override
    public String newOrderToken() {
        return "token-" + tokens.incrementAndGet();
    }

    @Override
    public PickupCode newPickupCode() {
        return new PickupCode("%06d".formatted(codes.incrementAndGet()));
    }
}
