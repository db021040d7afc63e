package dev.asynccommerce.ordering.application;

import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.ordering.domain.Order;
import java.util.Optional;

/** Reads one order for the customer holding its token. Anyone else learns nothing, not even that it exists. */
public final class GetOrder {
    private final OrderRepository orders;

    public GetOrder(OrderRepository orders) {
        this.orders = orders;
    }

    public Optional<Order> execute(String rawOrderId, String token) {
        if (!OrderId.isValid(rawOrderId)) {
            return Optional.empty();
        }
        return orders.find(new OrderId(rawOrderId)).filter(order -> OrderAccess.permits(order, token));
    }
}
