package dev.asynccommerce.ordering.handler;

import static dev.asynccommerce.ordering.handler.HandlerFixture.body;
import static dev.asynccommerce.ordering.handler.HandlerFixture.contentType;
import static dev.asynccommerce.ordering.handler.HandlerFixture.recorded;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlaceOrderHandlerTest {
    private static final String VALID = """
            {"customer":{"customerId":"c-123","email":"ana@example.com"},
             "lines":[{"sku":"SKU-0001","quantity":2}],
             "fulfillment":{"type":"PICKUP","storeId":"store-001"},
             "payment":{"methods":[{"type":"CARD","token":"tok_visa"}]}}""";

    private final HandlerFixture fixture = new HandlerFixture();
    private final PlaceOrderHandler handler = new PlaceOrderHandler(fixture.wiring);
    private boolean expectNothingWritten = true;

    /** Bad input writes nothing: no order, no event and no checkout record holding the key. */
    @AfterEach
    void badInputChangesNothing() {
        if (expectNothingWritten) {
            assertNothingWritten();
        }
    }

    private void assertNothingWritten() {
        assertThat(fixture.orders.orderCount()).isZero();
        assertThat(fixture.orders.outbox()).isEmpty();
        assertThat(fixture.orders.checkoutKeys()).isEmpty();
    }

    private APIGatewayV2HTTPResponse post(String body) {
        APIGatewayV2HTTPEvent event = recorded("post-orders.json");
        event.setBody(body);
        return handler.handleRequest(event, null);
    }

    private static List<String> fieldsNamed(APIGatewayV2HTTPResponse response) {
        List<String> fields = new ArrayList<>();
        body(response).path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    @Test
    void theRecordedCheckoutIsAcceptedAtOnceAsPendingPayment() {
        expectNothingWritten = false;

        APIGatewayV2HTTPResponse response = handler.handleRequest(recorded("post-orders.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(202);
        JsonNode body = body(response);
        assertThat(body.path("status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(body.path("orderId").asText()).startsWith("ord_");
        assertThat(body.path("orderToken").asText()).isNotBlank();
        assertThat(response.getHeaders())
                .containsEntry("Location", "/orders/" + body.path("orderId").asText());
        assertThat(fixture.orders.outbox()).extracting(m -> m.detailType()).containsExactly("OrderPlaced");
    }

    @Test
    void aRetryWithTheSameKeyAndAnEquivalentBodyGetsTheSameOrder() {
        expectNothingWritten = false;
        JsonNode first = body(post(VALID));

        String reordered = """
                {"payment":{"methods":[{"token":"tok_visa","type":"CARD"}]},
                 "fulfillment":{"storeId":"store-001","type":"PICKUP"},
                 "lines":[{"quantity":2,"sku":"SKU-0001"}],
                 "customer":{"email":"ana@example.com","customerId":"c-123"}}""";
        APIGatewayV2HTTPResponse retry = post(reordered);

        assertThat(retry.getStatusCode()).isEqualTo(202);
        assertThat(body(retry)).isEqualTo(first);
        assertThat(fixture.orders.orderCount()).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIs422() {
        expectNothingWritten = false;
        post(VALID);

        APIGatewayV2HTTPResponse response = post(VALID.replace("\"quantity\":2", "\"quantity\":3"));

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(contentType(response)).isEqualTo("application/problem+json");
        assertThat(fixture.orders.orderCount()).isEqualTo(1);
    }

    @Test
    void aRefusedCheckoutLeavesItsKeyFreeForTheCorrectedRequest() {
        expectNothingWritten = false;
        String key = recorded("post-orders.json").getHeaders().get("idempotency-key");
        APIGatewayV2HTTPResponse refused =
                post(VALID.replace("SKU-0001", "SKU-9999").replace("\"quantity\":2", "\"quantity\":0"));
        assertThat(refused.getStatusCode()).isEqualTo(400);
        assertThat(fieldsNamed(refused)).containsExactlyInAnyOrder("lines[0].sku", "lines[0].quantity");
        assertNothingWritten();

        APIGatewayV2HTTPResponse corrected = post(VALID);

        assertThat(corrected.getStatusCode()).isEqualTo(202);
        JsonNode body = body(corrected);
        assertThat(body.path("status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(body.path("orderId").asText()).startsWith("ord_");
        assertThat(fixture.orders.orderCount()).isEqualTo(1);
        assertThat(fixture.orders.checkoutKeys()).containsExactly(key);
        assertThat(fixture.orders.outbox()).extracting(m -> m.detailType()).containsExactly("OrderPlaced");
    }

    @Test
    void aMissingIdempotencyKeyIsNamed() {
        APIGatewayV2HTTPEvent event = recorded("post-orders.json");
        event.getHeaders().remove("idempotency-key");

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(fieldsNamed(response)).containsExactly("Idempotency-Key");
    }

    @Test
    void malformedJsonIs400WithoutEchoingTheBody() {
        APIGatewayV2HTTPResponse response = post("{\"customer\": {\"customerId\": \"secret-value\"");

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(contentType(response)).isEqualTo("application/problem+json");
        assertThat(response.getBody()).doesNotContain("secret-value").doesNotContain("Exception");
    }

    @Test
    void everyBadFieldIsNamedInOneAnswer() {
        String body = """
                {"customer":{"customerId":"c-123","email":"not-an-email"},
                 "lines":[{"sku":"SKU-0001","quantity":"two"},{"sku":"SKU-9999","quantity":1},
                          {"sku":"SKU-0002","quantity":0},{"sku":"SKU-0003","quantity":1000000},
                          {"sku":"sku lower","quantity":1},{"sku":"SKU-0001","quantity":1}],
                 "fulfillment":{"type":"DELIVERY","storeId":"store-404"},
                 "payment":{"methods":[{"type":"CHEQUE","token":"tok_visa"}]},
                 "coupon":"FREE"}""";

        APIGatewayV2HTTPResponse response = post(body);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(body(response).path("type").asText()).endsWith("/validation");
        assertThat(fieldsNamed(response))
                .containsExactlyInAnyOrder(
                        "coupon",
                        "customer.email",
                        "lines[0].quantity",
                        "lines[1].sku",
                        "lines[2].quantity",
                        "lines[3].quantity",
                        "lines[4].sku",
                        "lines[5].sku",
                        "fulfillment.type",
                        "fulfillment.storeId",
                        "payment.methods[0].type");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{}|customer,lines,fulfillment,payment",
                "{\"customer\":[],\"lines\":{},\"fulfillment\":\"PICKUP\",\"payment\":{\"methods\":[]}}|customer,lines,fulfillment,payment.methods",
                "{\"customer\":{\"customerId\":7,\"email\":null},\"lines\":[{\"sku\":1,\"quantity\":1.5}],\"fulfillment\":{\"type\":\"PICKUP\"},\"payment\":{\"methods\":[{\"type\":\"CARD\"}]}}|customer.customerId,customer.email,lines[0].sku,lines[0].quantity,fulfillment.storeId,payment.methods[0].token",
                "{\"customer\":{\"customerId\":\"ana@example.com\",\"email\":\"ana@example.com\"},\"lines\":[{\"sku\":\"SKU-0001\",\"quantity\":1}],\"fulfillment\":{\"type\":\"PICKUP\",\"storeId\":\"store-001\"},\"payment\":{\"methods\":[{\"type\":\"CARD\",\"token\":\"tok_visa\"}]}}|customer.customerId"
            })
    void missingFieldsAndWrongTypesAreNamed(String body, String expectedFields) {
        APIGatewayV2HTTPResponse response = post(body);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(fieldsNamed(response)).containsExactlyInAnyOrder(expectedFields.split(","));
    }

    @Test
    void moreLinesThanAllowedAreRefused() {
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 51; i++) {
            lines.append(i > 1 ? "," : "").append("{\"sku\":\"SKU-%04d\",\"quantity\":1}".formatted(i));
        }
        APIGatewayV2HTTPResponse response =
                post(VALID.replace("[{\"sku\":\"SKU-0001\",\"quantity\":2}]", "[" + lines + "]"));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(fieldsNamed(response)).containsExactly("lines");
    }

    @Test
    void aCardNumberInPlaceOfATokenIsRefusedAndNotEchoed() {
        APIGatewayV2HTTPResponse response = post(VALID.replace("tok_visa", "4111111111111111"));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(fieldsNamed(response)).containsExactly("payment.methods[0].token");
        assertThat(response.getBody()).doesNotContain("4111111111111111");
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String padding = "x".repeat(PlaceOrderHandler.MAX_BODY_BYTES);
        APIGatewayV2HTTPResponse response = post(VALID.replace("\"c-123\"", "\"" + padding + "\""));

        assertThat(response.getStatusCode()).isEqualTo(413);
        assertThat(contentType(response)).isEqualTo("application/problem+json");
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        APIGatewayV2HTTPEvent event = recorded("post-orders.json");
        event.getHeaders().put("content-type", "text/plain");

        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(415);
    }

    @Test
    void aBase64EncodedBodyIsReadLikeAnyOther() {
        expectNothingWritten = false;
        APIGatewayV2HTTPEvent event = recorded("post-orders.json");
        event.setBody(Base64.getEncoder().encodeToString(VALID.getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);

        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(202);
    }
}
