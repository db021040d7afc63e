package dev.asynccommerce.ordering.handler;

import static dev.asynccommerce.ordering.handler.HandlerFixture.body;
import static dev.asynccommerce.ordering.handler.HandlerFixture.contentType;
import static dev.asynccommerce.ordering.handler.HandlerFixture.recorded;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.ordering.domain.Decision;
import dev.asynccommerce.ordering.domain.Order;
import dev.asynccommerce.ordering.domain.OrderFixtures;
import dev.asynccommerce.ordering.domain.OrderStatus;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Order read, cancel and payment-method change, replayed from recorded API Gateway events. */
class OrderRoutesHandlerTest {
    private static final OrderId ORDER = new OrderId("ord_00000000000000000000000001");

    private final HandlerFixture fixture = new HandlerFixture();
    private final GetOrderHandler get = new GetOrderHandler(fixture.wiring);
    private final CancelOrderHandler cancel = new CancelOrderHandler(fixture.wiring);
    private final ReplacePaymentMethodsHandler payment = new ReplacePaymentMethodsHandler(fixture.wiring);

    /** Places the recorded checkout: order {@link #ORDER}, token {@code token-1} as recorded. */
    @BeforeEach
    void placeTheRecordedOrder() {
        APIGatewayV2HTTPResponse placed =
                new PlaceOrderHandler(fixture.wiring).handleRequest(recorded("post-orders.json"), null);
        assertThat(body(placed).path("orderId").asText()).isEqualTo(ORDER.value());
        assertThat(body(placed).path("orderToken").asText()).isEqualTo("token-1");
    }

    private void moveOrderTo(java.util.function.Function<Order, Decision> transition) {
        Order order = fixture.orders.find(ORDER).orElseThrow();
        fixture.orders.put(OrderFixtures.changed(transition.apply(order)));
    }

    private static APIGatewayV2HTTPEvent withToken(String name, String token) {
        APIGatewayV2HTTPEvent event = recorded(name);
        if (token == null) {
            event.getHeaders().remove("authorization");
        } else {
            event.getHeaders().put("authorization", "Bearer " + token);
        }
        return event;
    }

    @Nested
    class ReadingAnOrder {
        @Test
        void theTokenHolderSeesLinesTotalStatusAndTimeline() {
            APIGatewayV2HTTPResponse response = get.handleRequest(recorded("get-order.json"), null);

            assertThat(response.getStatusCode()).isEqualTo(200);
            JsonNode order = body(response);
            assertThat(order.path("orderId").asText()).isEqualTo(ORDER.value());
            assertThat(order.path("status").asText()).isEqualTo("PENDING_PAYMENT");
            assertThat(order.path("storeId").asText()).isEqualTo("store-001");
            assertThat(order.path("totalCents").asLong()).isEqualTo(2 * 1999);
            assertThat(order.path("currency").asText()).isEqualTo("EUR");
            assertThat(order.path("lines").get(0).path("sku").asText()).isEqualTo("SKU-0001");
            assertThat(order.path("timeline").get(0).path("event").asText()).isEqualTo("OrderPlaced");
            assertThat(order.has("pickupCode")).isFalse();
            assertThat(response.getBody()).doesNotContain("ana@example.com", "tok_visa");
        }

        @Test
        void thePickupCodeAppearsOnceTheOrderIsReady() {
            moveOrderTo(o -> o.confirm(fixture.clock.instant()));
            moveOrderTo(o -> o.startPicking(fixture.clock.instant()));
            moveOrderTo(o -> o.markReadyForPickup(OrderFixtures.CODE, fixture.clock.instant()));

            JsonNode order = body(get.handleRequest(recorded("get-order.json"), null));

            assertThat(order.path("status").asText()).isEqualTo("READY_FOR_PICKUP");
            assertThat(order.path("pickupCode").asText()).isEqualTo(OrderFixtures.CODE.value());
        }

        @Test
        void withoutATokenItIs401() {
            APIGatewayV2HTTPResponse response = get.handleRequest(withToken("get-order.json", null), null);

            assertThat(response.getStatusCode()).isEqualTo(401);
            assertThat(response.getHeaders()).containsEntry("WWW-Authenticate", "Bearer");
        }

        @Test
        void anotherCustomersTokenGetsExactlyTheAnswerOfAMissingOrder() {
            APIGatewayV2HTTPResponse wrongToken = get.handleRequest(withToken("get-order.json", "token-2"), null);
            APIGatewayV2HTTPEvent missing = recorded("get-order.json");
            missing.setPathParameters(Map.of("orderId", "ord_99999999999999999999999999"));
            APIGatewayV2HTTPResponse noSuchOrder = get.handleRequest(missing, null);

            assertThat(wrongToken.getStatusCode()).isEqualTo(404);
            assertThat(contentType(wrongToken)).isEqualTo("application/problem+json");
            assertThat(noSuchOrder.getStatusCode()).isEqualTo(404);
            assertThat(wrongToken.getBody()).isEqualTo(noSuchOrder.getBody());
        }
    }

    @Nested
    class Cancelling {
        @Test
        void aPendingOrderIsCancelledWith202() {
            APIGatewayV2HTTPResponse response = cancel.handleRequest(recorded("post-cancel.json"), null);

            assertThat(response.getStatusCode()).isEqualTo(202);
            assertThat(body(response).path("status").asText()).isEqualTo("CANCELLED");
            assertThat(fixture.orders.find(ORDER).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(fixture.orders.outbox())
                    .extracting(m -> m.detailType())
                    .containsExactly("OrderPlaced", "OrderCancelled");
        }

        @Test
        void anEndedOrderIs409AndPublishesNothingMore() {
            cancel.handleRequest(recorded("post-cancel.json"), null);

            APIGatewayV2HTTPResponse again = cancel.handleRequest(recorded("post-cancel.json"), null);

            assertThat(again.getStatusCode()).isEqualTo(409);
            assertThat(contentType(again)).isEqualTo("application/problem+json");
            assertThat(fixture.orders.outbox()).hasSize(2);
        }

        @Test
        void aCollectedOrderIs409() {
            moveOrderTo(o -> o.confirm(fixture.clock.instant()));
            moveOrderTo(o -> o.startPicking(fixture.clock.instant()));
            moveOrderTo(o -> o.markReadyForPickup(OrderFixtures.CODE, fixture.clock.instant()));
            moveOrderTo(o -> o.collect(OrderFixtures.CODE, fixture.clock.instant()));

            assertThat(cancel.handleRequest(recorded("post-cancel.json"), null).getStatusCode())
                    .isEqualTo(409);
            assertThat(fixture.orders.find(ORDER).orElseThrow().status()).isEqualTo(OrderStatus.COLLECTED);
        }

        @Test
        void aWrongTokenIs404AndCancelsNothing() {
            assertThat(cancel.handleRequest(withToken("post-cancel.json", "token-2"), null)
                            .getStatusCode())
                    .isEqualTo(404);
            assertThat(fixture.orders.find(ORDER).orElseThrow().status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        }
    }

    @Nested
    class ChangingPaymentMethods {
        @Test
        void afterAFailedPaymentTheSameOrderTriesAgain() {
            moveOrderTo(o -> o.failPayment("declined", fixture.clock.instant()));

            APIGatewayV2HTTPResponse response = payment.handleRequest(recorded("post-payment-methods.json"), null);

            assertThat(response.getStatusCode()).isEqualTo(202);
            Order order = fixture.orders.find(ORDER).orElseThrow();
            assertThat(order.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
            assertThat(order.paymentAttempt()).isEqualTo(2);
        }

        @Test
        void whilePaymentIsStillPendingItIs409() {
            APIGatewayV2HTTPResponse response = payment.handleRequest(recorded("post-payment-methods.json"), null);

            assertThat(response.getStatusCode()).isEqualTo(409);
            assertThat(fixture.orders.find(ORDER).orElseThrow().paymentAttempt())
                    .isEqualTo(1);
        }

        @Test
        void badMethodsAreNamedAndChangeNothing() {
            moveOrderTo(o -> o.failPayment("declined", fixture.clock.instant()));
            APIGatewayV2HTTPEvent event = recorded("post-payment-methods.json");
            event.setBody("{\"methods\":[{\"type\":\"CARD\",\"token\":\"\"},{\"type\":\"GOLD\",\"token\":\"tok_x\"}]}");

            APIGatewayV2HTTPResponse response = payment.handleRequest(event, null);

            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(body(response).path("errors").findValuesAsText("field"))
                    .containsExactlyInAnyOrder("methods[0].token", "methods[1].type");
            assertThat(fixture.orders.find(ORDER).orElseThrow().status()).isEqualTo(OrderStatus.PAYMENT_FAILED);
        }
    }
}
