package dev.asynccommerce.notifications.application;

import dev.asynccommerce.kernel.CustomerId;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.notifications.domain.CustomerContact;
import dev.asynccommerce.notifications.domain.EmailAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Customer contacts by order, as the orders table would answer them. */
public final class InMemoryCustomerContacts implements CustomerContacts {
    private final Map<OrderId, CustomerContact> contacts = new ConcurrentHashMap<>();

    public InMemoryCustomerContacts with(String orderId, String customerId, String email) {
        contacts.put(new OrderId(orderId), new CustomerContact(new CustomerId(customerId), new EmailAddress(email)));
        return this;
    }

    @Override
    public Optional<CustomerContact> findByOrder(OrderId orderId) {
        return Optional.ofNullable(contacts.get(orderId));
    }
}
