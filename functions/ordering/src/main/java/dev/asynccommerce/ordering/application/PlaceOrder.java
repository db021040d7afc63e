package dev.asynccommerce.ordering.application;

import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.ordering.domain.Decision;
import dev.asynccommerce.ordering.domain.Order;
import dev.asynccommerce.ordering.domain.OrderLine;
import dev.asynccommerce.ordering.domain.OrderStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checkout: turns a valid request into a {@code PENDING_PAYMENT} order and its {@code OrderPlaced}
 * event, in one transaction, at most once per Idempotency-Key.
 *
 * <p>The same key with the same request gets the first answer again (same order, same token); the
 * same key with another request is refused. A request with bad fields writes nothing.
 */
public final class PlaceOrder {
    /** How long a key is remembered; a retry after that would place a second order. */
    public static final Duration KEY_RETENTION = Duration.ofHours(24);

    private final OrderRepository orders;
    private final Catalog catalog;
    private final Identities identities;
    private final OrderMessages messages;
    private final Clock clock;

    public PlaceOrder(
            OrderRepository orders, Catalog catalog, Identities identities, OrderMessages messages, Clock clock) {
        this.orders = orders;
        this.catalog = catalog;
        this.identities = identities;
        this.messages = messages;
        this.clock = clock;
    }

    public sealed interface Outcome {
        /** The order exists; {@code replayed} when this answer repeats an earlier one. */
        record Accepted(OrderId orderId, OrderStatus status, String orderToken, boolean replayed) implements Outcome {}

        record Invalid(List<InvalidField> errors) implements Outcome {}

        /** The Idempotency-Key was already used for a different request. */
        record KeyReused() implements Outcome {}
    }

    public Outcome execute(
            CheckoutForm form, String idempotencyKey, String requestFingerprint, CommandContext context) {
        var earlier = orders.findCheckout(idempotencyKey);
        if (earlier.isPresent()) {
            return replay(earlier.get(), requestFingerprint);
        }

        List<InvalidField> errors = new ArrayList<>(form.errors());
        Map<Sku, Catalog.Item> items = priced(form, errors);
        if (!errors.isEmpty()) {
            return new Outcome.Invalid(errors);
        }

        Instant now = clock.instant();
        OrderId orderId = identities.newOrderId();
        String token = identities.newOrderToken();
        List<OrderLine> lines = form.lines().stream()
                .map(l -> {
                    Catalog.Item item = items.get(l.sku());
                    return new OrderLine(l.sku(), item.name(), l.quantity(), item.price());
                })
                .toList();
        Decision decision = Order.place(
                orderId,
                form.customerId(),
                form.contact(),
                form.storeId(),
                lines,
                form.paymentMethods(),
                OrderAccess.digest(token),
                now);
        if (!(decision instanceof Decision.Changed placed)) {
            Decision.Refused refused = (Decision.Refused) decision;
            return new Outcome.Invalid(
                    List.of(new InvalidField("lines", refused.refusal().message())));
        }

        CheckoutRecord record =
                new CheckoutRecord(idempotencyKey, requestFingerprint, orderId, token, now.plus(KEY_RETENTION));
        OutboxMessage message = messages.of(placed.event(), placed.order().version(), context);
        return switch (orders.create(placed.order(), message, record)) {
            case OrderRepository.CreateResult.Created c ->
                new Outcome.Accepted(orderId, OrderStatus.PENDING_PAYMENT, token, false);
            case OrderRepository.CreateResult.KeyAlreadyUsed k ->
                // A concurrent request with the same key won the race: answer as it was answered.
                replay(
                        orders.findCheckout(idempotencyKey)
                                .orElseThrow(() -> new IllegalStateException("idempotency record vanished")),
                        requestFingerprint);
        };
    }

    private static Outcome replay(CheckoutRecord earlier, String requestFingerprint) {
        if (!earlier.requestFingerprint().equals(requestFingerprint)) {
            return new Outcome.KeyReused();
        }
        return new Outcome.Accepted(earlier.orderId(), OrderStatus.PENDING_PAYMENT, earlier.orderToken(), true);
    }

    /** Looks up the readable SKUs and the store, adding an error for each the catalog does not know. */
    private Map<Sku, Catalog.Item> priced(CheckoutForm form, List<InvalidField> errors) {
        Set<Sku> skus = form.lines().stream()
                .map(CheckoutForm.Line::sku)
                .filter(s -> s != null)
                .collect(Collectors.toSet());
        Map<Sku, Catalog.Item> items = skus.isEmpty() ? Map.of() : catalog.findItems(skus);
        for (CheckoutForm.Line line : form.lines()) {
            if (line.sku() != null && !items.containsKey(line.sku())) {
                errors.add(new InvalidField("lines[" + line.index() + "].sku", "unknown SKU"));
            }
        }
        if (form.storeId() != null && !catalog.storeExists(form.storeId())) {
            errors.add(new InvalidField("fulfillment.storeId", "unknown store"));
        }
        return items;
    }
}
