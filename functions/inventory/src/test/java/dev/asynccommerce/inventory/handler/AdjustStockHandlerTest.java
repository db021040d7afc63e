package dev.asynccommerce.inventory.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.inventory.TestWiring;
import dev.asynccommerce.inventory.application.InMemoryStockRepository;
import dev.asynccommerce.inventory.domain.StockLevel;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.platform.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdjustStockHandlerTest {
    private static final StoreId STORE = new StoreId("store-001");
    private static final Sku SKU = new Sku("SKU-0001");

    private final InMemoryStockRepository stock =
            new InMemoryStockRepository().withStore(STORE).withStock(new StockLevel(STORE, SKU, 10, 4, 3));
    private final AdjustStockHandler handler = new AdjustStockHandler(TestWiring.of(stock));

    @Test
    void aDeliveryIsAcceptedWithTheNewLevel() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event(), null);

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(body(response))
                .isEqualTo(json("{\"storeId\":\"store-001\",\"sku\":\"SKU-0001\",\"onHand\":15,\"available\":11}"));
        assertThat(stock.outbox()).hasSize(1);
        assertThat(stock.outbox().getFirst().detailJson()).contains("\"correlationId\":\"Bq8A1hKtjoEEMXy=\"");
    }

    @Test
    void aCountAndAWriteOffSetAndRemove() {
        handler.handleRequest(event("{\"sku\":\"SKU-0001\",\"quantity\":7,\"reason\":\"COUNT_CORRECTION\"}"), null);
        APIGatewayV2HTTPResponse response =
                handler.handleRequest(event("{\"sku\":\"SKU-0001\",\"quantity\":2,\"reason\":\"DAMAGED\"}"), null);

        assertThat(body(response).path("onHand").asInt()).isEqualTo(5);
        assertThat(body(response).path("available").asInt()).isEqualTo(1);
    }

    @Test
    void aTokenOfAnotherStoreIsForbiddenAndChangesNothing() {
        APIGatewayV2HTTPEvent event = event();
        event.getRequestContext().getAuthorizer().getJwt().setClaims(Map.of("custom:storeId", "store-002"));

        assertProblem(handler.handleRequest(event, null), 403);
        event.getRequestContext().setAuthorizer(null);
        assertProblem(handler.handleRequest(event, null), 403);
        assertThat(stock.saves()).isZero();
    }

    @Test
    void namesEveryBadFieldWithoutEchoingValues() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                event("{\"sku\":\"sku 1\",\"quantity\":2.5,\"reason\":\"STOLEN\",\"note\":\"x\"}"), null);

        assertProblem(response, 400);
        List<String> fields = new ArrayList<>();
        body(response).path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).containsExactly("sku", "reason", "quantity", "body");
        assertThat(response.getBody()).doesNotContain("sku 1", "STOLEN");
        assertThat(stock.saves()).isZero();
    }

    @Test
    void zeroIsACountButNotADelivery() {
        assertProblem(
                handler.handleRequest(event("{\"sku\":\"SKU-0001\",\"quantity\":0,\"reason\":\"RECEIVED\"}"), null),
                400);
        assertThat(handler.handleRequest(
                                event("{\"sku\":\"SKU-0001\",\"quantity\":0,\"reason\":\"COUNT_CORRECTION\"}"), null)
                        .getStatusCode())
                .isEqualTo(202);
    }

    @Test
    void anUnknownSkuOrStoreIs404AndTooManyDamagedIs409() {
        assertProblem(
                handler.handleRequest(event("{\"sku\":\"SKU-0404\",\"quantity\":1,\"reason\":\"RECEIVED\"}"), null),
                404);
        assertProblem(
                handler.handleRequest(event("{\"sku\":\"SKU-0001\",\"quantity\":11,\"reason\":\"DAMAGED\"}"), null),
                409);

        APIGatewayV2HTTPEvent otherStore = event();
        otherStore.setPathParameters(Map.of("storeId", "store-404"));
        otherStore.getRequestContext().getAuthorizer().getJwt().setClaims(Map.of("custom:storeId", "store-404"));
        assertProblem(handler.handleRequest(otherStore, null), 404);
        assertThat(stock.stored(STORE, SKU).onHand()).isEqualTo(10);
    }

    @Test
    void aBodyThatIsNotJsonIsABadRequest() {
        assertProblem(handler.handleRequest(event("{\"sku\":"), null), 400);
    }

    @Test
    void aFailureToWriteIsAProblemWithoutDetails() {
        stock.failWith(new IllegalStateException("inventory-prod throttled"));

        APIGatewayV2HTTPResponse response = handler.handleRequest(event(), null);

        assertProblem(response, 500);
        assertThat(response.getBody()).doesNotContain("inventory-prod");
    }

    private static APIGatewayV2HTTPEvent event() {
        return EventLoader.loadApiGatewayHttpEvent("events/post-stock.json");
    }

    private static APIGatewayV2HTTPEvent event(String body) {
        APIGatewayV2HTTPEvent event = event();
        event.setBody(body);
        return event;
    }

    private static void assertProblem(APIGatewayV2HTTPResponse response, int status) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(body(response).path("status").asInt()).isEqualTo(status);
    }

    private static JsonNode body(APIGatewayV2HTTPResponse response) {
        return json(response.getBody());
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
