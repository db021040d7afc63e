package dev.asynccommerce.notifications.application;

import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.notifications.domain.CustomerContact;
import java.util.Optional;

/**
 * Port: how to reach the customer who placed an order.
 *
 * <p>Guarantees: read-only; answers empty for an order it does not know or one without a usable
 * address (nothing can be sent then). Failure behaviour: a technical failure (throttling, network)
 * is an exception, for the caller's platform to retry.
 */
public interface CustomerContacts {
    Optional<CustomerContact> findByOrder(OrderId orderId);
}
