package dev.asynccommerce.ordering.adapter.dynamodb;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.asynccommerce.kernel.CustomerId;
import dev.asynccommerce.kernel.Money;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.ordering.domain.CustomerContact;
import dev.asynccommerce.ordering.domain.Order;
import dev.asynccommerce.ordering.domain.OrderLine;
import dev.asynccommerce.ordering.domain.OrderStatus;
import dev.asynccommerce.ordering.domain.PaymentMethod;
import dev.asynccommerce.ordering.domain.PickupCode;
import dev.asynccommerce.ordering.domain.TimelineEntry;
import java.time.Instant;
import java.util.List;

/**
 * The order as it is stored: one item per order in the orders table, {@code pk = ORDER#<orderId>}.
 * Money is kept in minor units with one currency per order; {@code revision} is the optimistic
 * concurrency check of every update. Items written before notes existed have no {@code revision}:
 * every write of theirs was a transition, so their revision is their {@code version}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record StoredOrder(
        String pk,
        String itemType,
        String orderId,
        String customerId,
        String email,
        String storeId,
        String status,
        String currency,
        long totalCents,
        List<Line> lines,
        List<Method> paymentMethods,
        int paymentAttempt,
        String pickupCode,
        String accessDigest,
        List<Step> timeline,
        long version,
        Long revision,
        String updatedAt) {

    static final String ITEM_TYPE = "Order";
    static final String KEY_PREFIX = "ORDER#";

    record Line(String sku, String name, int quantity, long unitPriceCents) {}

    record Method(String type, String token) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Step(String at, String event, String detail, String sourceEventId) {}

    static String key(OrderId id) {
        return KEY_PREFIX + id.value();
    }

    static StoredOrder from(Order order) {
        String currency = order.total().currencyCode();
        return new StoredOrder(
                key(order.id()),
                ITEM_TYPE,
                order.id().value(),
                order.customerId().value(),
                order.contact().email(),
                order.storeId().value(),
                order.status().name(),
                currency,
                order.total().minorUnits(),
                order.lines().stream()
                        .map(l -> new Line(
                                l.sku().value(),
                                l.name(),
                                l.quantity(),
                                l.unitPrice().minorUnits()))
                        .toList(),
                order.paymentMethods().stream()
                        .map(m -> new Method(m.type().name(), m.token()))
                        .toList(),
                order.paymentAttempt(),
                order.pickupCode() == null ? null : order.pickupCode().value(),
                order.accessDigest(),
                order.timeline().stream()
                        .map(t -> new Step(t.at().toString(), t.event(), t.detail(), t.sourceEventId()))
                        .toList(),
                order.version(),
                order.revision(),
                order.timeline().getLast().at().toString());
    }

    Order toOrder() {
        return new Order(
                new OrderId(orderId),
                new CustomerId(customerId),
                new CustomerContact(email),
                new StoreId(storeId),
                lines.stream()
                        .map(l -> new OrderLine(
                                new Sku(l.sku()), l.name(), l.quantity(), Money.of(l.unitPriceCents(), currency)))
                        .toList(),
                paymentMethods.stream()
                        .map(m -> new PaymentMethod(PaymentMethod.Type.valueOf(m.type()), m.token()))
                        .toList(),
                paymentAttempt,
                OrderStatus.valueOf(status),
                pickupCode == null ? null : new PickupCode(pickupCode),
                accessDigest,
                timeline.stream()
                        .map(s -> new TimelineEntry(Instant.parse(s.at()), s.event(), s.detail(), s.sourceEventId()))
                        .toList(),
                version,
                revision == null ? version : revision);
    }
}
