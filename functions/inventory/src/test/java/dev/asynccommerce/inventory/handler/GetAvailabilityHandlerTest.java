package dev.asynccommerce.inventory.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.inventory.TestWiring;
import dev.asynccommerce.inventory.application.InMemoryCatalogSkus;
import dev.asynccommerce.inventory.application.InMemoryStockRepository;
import dev.asynccommerce.inventory.domain.StockLevel;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.platform.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GetAvailabilityHandlerTest {
    private static final StoreId STORE = new StoreId("store-001");

    private final InMemoryStockRepository stock = new InMemoryStockRepository()
            .withStore(STORE)
            .withStock(level("SKU-0001", 25, 5))
            .withStock(level("SKU-0002", 3, 3));
    /** The recorded events ask for SKU-0001 up to SKU-0050; SKU-99xx are not in the catalog. */
    private final InMemoryCatalogSkus catalog = InMemoryCatalogSkus.numbered(50);

    private final GetAvailabilityHandler handler = new GetAvailabilityHandler(TestWiring.withCatalog(stock, catalog));

    @Test
    void answersAvailabilityPerSkuInTheOrderAskedWithZeroForUnstockedSkus() {
        APIGatewayV2HTTPResponse response = handle("availability.json");

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(body(response)).isEqualTo(json("""
                {"storeId":"store-001","items":[
                  {"sku":"SKU-0001","available":20},
                  {"sku":"SKU-0002","available":0},
                  {"sku":"SKU-0007","available":0}
                ]}"""));
    }

    @Test
    void answersARepeatedSkuOnceWhereItFirstAppears() {
        APIGatewayV2HTTPResponse response = handle("availability-repeated-skus.json");

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response)).isEqualTo(json("""
                {"storeId":"store-001","items":[
                  {"sku":"SKU-0002","available":0},
                  {"sku":"SKU-0001","available":20}
                ]}"""));
    }

    @Test
    void acceptsFiftyDifferentSkusEvenWhenOneIsRepeated() {
        APIGatewayV2HTTPResponse response = handle("availability-fifty-skus.json");

        assertThat(response.getStatusCode()).isEqualTo(200);
        List<String> skus = new ArrayList<>();
        body(response).path("items").forEach(item -> skus.add(item.path("sku").asText()));
        assertThat(skus)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 50)
                        .mapToObj("SKU-%04d"::formatted)
                        .toList());
    }

    @Test
    void aStoreInventoryDoesNotKnowIsA404Problem() {
        APIGatewayV2HTTPResponse response = handle("availability-unknown-store.json");

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        JsonNode problem = body(response);
        assertThat(problem.path("status").asInt()).isEqualTo(404);
        assertThat(problem.path("type").asText()).endsWith("/not-found");
        assertThat(problem.path("detail").asText()).contains("store-404");
    }

    @Test
    void skusTheCatalogDoesNotListAreInvalidAtTheirFirstPositionWithoutEchoingThem() {
        APIGatewayV2HTTPResponse response = handle("availability-unknown-skus.json");

        assertValidationProblem(response, "sku[1]", "sku[3]");
        assertThat(body(response).path("errors").get(0).path("message").asText())
                .isEqualTo("unknown SKU: the catalog does not list it");
        assertThat(response.getBody()).doesNotContain("SKU-9998", "SKU-9999");
    }

    @Test
    void aStoreInventoryDoesNotKnowIsA404EvenWhenTheSkusAreUnknownToo() {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/availability-unknown-skus.json");
        event.setPathParameters(Map.of("storeId", "store-404"));

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(body(response).path("type").asText()).endsWith("/not-found");
    }

    @Test
    void aFunctionWiredWithoutTheCatalogFailsWhenItStartsNotOnARequest() {
        assertThatIllegalStateException()
                .isThrownBy(() -> new GetAvailabilityHandler(TestWiring.of(stock)))
                .withMessageContaining("CATALOG_TABLE_NAME");
    }

    @Test
    void aFailureToReadTheCatalogIsAnInternalProblemWithoutDetails() {
        catalog.failWith(new IllegalStateException("catalog-prod throttled"));

        APIGatewayV2HTTPResponse response = handle("availability.json");

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(body(response).path("type").asText()).endsWith("/internal");
        assertThat(response.getBody()).doesNotContain("catalog-prod", "IllegalStateException");
    }

    @Test
    void withoutAnySkuTheSkuFieldIsInvalid() {
        assertValidationProblem(handle("availability-without-sku.json"), "sku");
    }

    @Test
    void anEmptySkuValueIsInvalidAtItsPosition() {
        assertValidationProblem(handle("availability-empty-sku.json"), "sku[0]");
    }

    @Test
    void aMalformedSkuIsInvalidAtItsPosition() {
        assertValidationProblem(handle("availability-invalid-sku.json"), "sku[2]");
    }

    @Test
    void aRepeatedBadSkuIsReportedOnceAtItsFirstPosition() {
        assertValidationProblem(handle("availability-repeated-invalid-sku.json"), "sku[0]", "sku[3]");
    }

    @Test
    void commaJoinedSkusAreInvalidWithAHintToRepeatTheParameter() {
        APIGatewayV2HTTPResponse response = handle("availability-comma-joined-skus.json");

        assertValidationProblem(response, "sku[0]");
        assertThat(body(response).path("errors").get(0).path("message").asText())
                .contains("?sku=A&sku=B");
    }

    @Test
    void moreThanFiftyDifferentSkusAreInvalid() {
        APIGatewayV2HTTPResponse response = handle("availability-too-many-skus.json");

        assertValidationProblem(response, "sku");
        assertThat(body(response).path("errors").get(0).path("message").asText())
                .contains("50");
    }

    @Test
    void aMalformedStoreIdIsInvalid() {
        assertValidationProblem(handle("availability-invalid-store.json"), "storeId");
    }

    @Test
    void aMissingStoreIdPathParameterIsInvalid() {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/availability.json");
        event.setPathParameters(null);

        assertValidationProblem(handler.handleRequest(event, null), "storeId");
    }

    @Test
    void reportsEveryBadFieldTogetherWithoutEchoingTheValues() {
        APIGatewayV2HTTPResponse response = handle("availability-invalid-store-and-sku.json");

        assertValidationProblem(response, "storeId", "sku[1]");
        assertThat(response.getBody()).doesNotContain("STORE 1", "not a sku");
    }

    @Test
    void aFailureToReadStockIsAnInternalProblemWithoutDetails() {
        stock.failWith(new IllegalStateException("inventory-prod throttled"));

        APIGatewayV2HTTPResponse response = handle("availability.json");

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(body(response).path("type").asText()).endsWith("/internal");
        assertThat(response.getBody()).doesNotContain("inventory-prod", "IllegalStateException");
    }

    private APIGatewayV2HTTPResponse handle(String fixture) {
        return handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("events/" + fixture), null);
    }

    private static void assertValidationProblem(APIGatewayV2HTTPResponse response, String... fields) {
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        JsonNode problem = body(response);
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("type").asText()).endsWith("/validation");
        List<String> named = new ArrayList<>();
        problem.path("errors").forEach(error -> {
            named.add(error.path("field").asText());
            assertThat(error.path("message").asText()).isNotBlank();
        });
        assertThat(named).containsExactly(fields);
    }

    private static StockLevel level(String sku, int onHand, int reserved) {
        return new StockLevel(STORE, new Sku(sku), onHand, reserved, 1);
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
