package dev.asynccommerce.ordering.domain;

import static dev.asynccommerce.ordering.domain.OrderFixtures.CODE;
import static dev.asynccommerce.ordering.domain.OrderFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every status of an order against every transition the order offers, as one table (DESIGN.md §3:
 * {@code PENDING_PAYMENT → CONFIRMED → PICKING → READY_FOR_PICKUP → COLLECTED}, {@code PAYMENT_FAILED}
 * parked until new payment methods resume it, {@code CANCELLED} and {@code EXPIRED} compensated
 * ends). Each cell is the expected {@link Decision}: changed to a status, unchanged (a repeat),
 * refused with its reason, or noted. A new status or a new transition fails {@link
 * #theTableCoversEveryStatusAndEveryTransitionTheOrderOffers} until the table says what it does.
 */
class OrderTransitionsTest {
    private static final Instant LATER = T0.plusSeconds(60);
    private static final PickupCode OTHER_CODE = new PickupCode("111111");

    /** What the order is asked to do; a pickup code variant where the answer depends on the code. */
    enum Transition {
        CONFIRM("confirm", "OrderConfirmed", o -> o.confirm(LATER)),
        FAIL_PAYMENT("failPayment", "OrderPaymentFailed", o -> o.failPayment("all methods declined", LATER)),
        NEW_PAYMENT_METHODS(
                "replacePaymentMethods",
                "OrderPaymentMethodsUpdated",
                o -> o.replacePaymentMethods(
                        List.of(new PaymentMethod(PaymentMethod.Type.WALLET, "tok_wallet")), LATER)),
        START_PICKING("startPicking", "OrderPickingStarted", o -> o.startPicking(LATER)),
        READY_SAME_CODE("markReadyForPickup", "OrderReadyForPickup", o -> o.markReadyForPickup(CODE, LATER)),
        READY_OTHER_CODE("markReadyForPickup", "OrderReadyForPickup", o -> o.markReadyForPickup(OTHER_CODE, LATER)),
        COLLECT_RIGHT_CODE("collect", "OrderCollected", o -> o.collect(CODE, LATER)),
        COLLECT_WRONG_CODE("collect", "OrderCollected", o -> o.collect(new PickupCode("000000"), LATER)),
        CANCEL("cancel", "OrderCancelled", o -> o.cancel(CancellationReason.CUSTOMER_REQUESTED, LATER)),
        EXPIRE("expire", "OrderExpired", o -> o.expire(LATER)),
        NOTE(
                "note",
                null,
                o -> o.note(new TimelineEntry(LATER, "PaymentAuthorized", "CARD, 85.48 EUR, attempt 1", "evt-1")));

        final String method;
        final String event;
        final Function<Order, Decision> apply;

        Transition(String method, String event, Function<Order, Decision> apply) {
            this.method = method;
            this.event = event;
            this.apply = apply;
        }
    }

    /** An order in each status, reached through the domain's own transitions. */
    private static final Map<OrderStatus, Supplier<Order>> ORDERS = Map.of(
            OrderStatus.PENDING_PAYMENT, OrderFixtures::placed,
            OrderStatus.CONFIRMED, OrderFixtures::confirmed,
            OrderStatus.PICKING, OrderFixtures::picking,
            OrderStatus.READY_FOR_PICKUP, OrderFixtures::ready,
            OrderStatus.COLLECTED,
                    () -> OrderFixtures.changed(OrderFixtures.ready().collect(CODE, T0.plusSeconds(4))),
            OrderStatus.PAYMENT_FAILED, OrderFixtures::paymentFailed,
            OrderStatus.CANCELLED,
                    () -> OrderFixtures.changed(
                            OrderFixtures.placed().cancel(CancellationReason.CUSTOMER_REQUESTED, T0.plusSeconds(2))),
            OrderStatus.EXPIRED,
                    () -> OrderFixtures.changed(OrderFixtures.ready().expire(T0.plusSeconds(4))));

    /**
     * The status machine, columns named in the header row. A status name: changed to it;
     * {@code same}: unchanged (a repeat); {@code illegal}, {@code ended}, {@code wrong-code}: refused
     * as {@code ILLEGAL_TRANSITION}, {@code ALREADY_ENDED}, {@code WRONG_PICKUP_CODE}; {@code noted}.
     */
    private static final String TABLE = """
            status           | CONFIRM   | FAIL_PAYMENT   | NEW_PAYMENT_METHODS | START_PICKING | READY_SAME_CODE  | READY_OTHER_CODE | COLLECT_RIGHT_CODE | COLLECT_WRONG_CODE | CANCEL    | EXPIRE  | NOTE
            PENDING_PAYMENT  | CONFIRMED | PAYMENT_FAILED | illegal             | illegal       | illegal          | illegal          | illegal            | illegal            | CANCELLED | illegal | noted
            CONFIRMED        | same      | illegal        | illegal             | PICKING       | illegal          | illegal          | illegal            | illegal            | CANCELLED | illegal | noted
            PICKING          | illegal   | illegal        | illegal             | same          | READY_FOR_PICKUP | READY_FOR_PICKUP | illegal            | illegal            | CANCELLED | illegal | noted
            READY_FOR_PICKUP | illegal   | illegal        | illegal             | illegal       | same             | illegal          | COLLECTED          | wrong-code         | CANCELLED | EXPIRED | noted
            COLLECTED        | ended     | ended          | ended               | ended         | ended            | ended            | same               | ended              | ended     | ended   | noted
            PAYMENT_FAILED   | illegal   | same           | PENDING_PAYMENT     | illegal       | illegal          | illegal          | illegal            | illegal            | CANCELLED | EXPIRED | noted
            CANCELLED        | ended     | ended          | ended               | ended         | ended            | ended            | ended              | ended              | same      | ended   | noted
            EXPIRED          | ended     | ended          | ended               | ended         | ended            | ended            | ended              | ended              | ended     | same    | noted
            """;

    private static Map<OrderStatus, Map<Transition, String>> table() {
        List<String[]> rows = TABLE.lines()
                .map(line -> Arrays.stream(line.split("\\|")).map(String::trim).toArray(String[]::new))
                .toList();
        List<Transition> columns =
                Arrays.stream(rows.getFirst()).skip(1).map(Transition::valueOf).toList();
        Map<OrderStatus, Map<Transition, String>> table = new LinkedHashMap<>();
        for (String[] row : rows.subList(1, rows.size())) {
            Map<Transition, String> cells = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                cells.put(columns.get(i), row[i + 1]);
            }
            table.put(OrderStatus.valueOf(row[0]), cells);
        }
        return table;
    }

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        table().forEach((status, row) ->
                row.forEach((transition, expected) -> cells.add(Arguments.of(status, transition, expected))));
        return cells.stream();
    }

    @Test
    void theTableCoversEveryStatusAndEveryTransitionTheOrderOffers() {
        Map<OrderStatus, Map<Transition, String>> table = table();

        assertThat(table.keySet()).isEqualTo(EnumSet.allOf(OrderStatus.class));
        assertThat(ORDERS.keySet()).isEqualTo(EnumSet.allOf(OrderStatus.class));
        table.values().forEach(row -> assertThat(row.keySet()).isEqualTo(EnumSet.allOf(Transition.class)));
        Set<String> offered = Arrays.stream(Order.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getReturnType() == Decision.class)
                .map(Method::getName)
                .collect(Collectors.toSet());
        assertThat(Arrays.stream(Transition.values()).map(t -> t.method).collect(Collectors.toSet()))
                .isEqualTo(offered);
    }

    @ParameterizedTest(name = "{0} × {1} → {2}")
    @MethodSource("cells")
    void eachStatusAnswersEachTransitionAsTheStatusMachineSays(
            OrderStatus status, Transition transition, String expected) {
        Order before = ORDERS.get(status).get();
        assertThat(before.status()).isEqualTo(status);

        Decision decision = transition.apply.apply(before);

        switch (expected) {
            case "same" -> assertThat(decision).isEqualTo(new Decision.Unchanged(before));
            case "illegal" -> assertRefused(decision, Refusal.Reason.ILLEGAL_TRANSITION, "an order that is " + status);
            case "ended" -> assertRefused(decision, Refusal.Reason.ALREADY_ENDED, "already " + status);
            case "wrong-code" -> assertRefused(decision, Refusal.Reason.WRONG_PICKUP_CODE, "pickup code");
            case "noted" ->
                assertThat(decision).isInstanceOfSatisfying(Decision.Noted.class, noted -> {
                    assertThat(noted.order().status()).isEqualTo(status);
                    assertThat(noted.order().version()).isEqualTo(before.version());
                    assertThat(noted.order().revision()).isEqualTo(before.revision() + 1);
                    assertThat(noted.order().timeline())
                            .hasSize(before.timeline().size() + 1);
                });
            default ->
                assertThat(decision).isInstanceOfSatisfying(Decision.Changed.class, changed -> {
                    assertThat(changed.order().status()).isEqualTo(OrderStatus.valueOf(expected));
                    assertThat(changed.event().name()).isEqualTo(transition.event);
                    assertThat(changed.order().version()).isEqualTo(before.version() + 1);
                    assertThat(changed.order().revision()).isEqualTo(before.revision() + 1);
                    assertThat(changed.order().timeline().getLast()).satisfies(step -> {
                        assertThat(step.event()).isEqualTo(transition.event);
                        assertThat(step.at()).isEqualTo(LATER);
                    });
                });
        }
        assertThat(before.status()).as("an order never changes in place").isEqualTo(status);
    }

    private static void assertRefused(Decision decision, Refusal.Reason reason, String messagePart) {
        assertThat(decision).isInstanceOfSatisfying(Decision.Refused.class, refused -> {
            assertThat(refused.refusal().reason()).isEqualTo(reason);
            assertThat(refused.refusal().message()).contains(messagePart);
        });
    }
}
