package dev.asynccommerce.catalog.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.catalog.CatalogWiring;
import dev.asynccommerce.catalog.application.InMemoryCatalogRepository;
import dev.asynccommerce.catalog.domain.CatalogItem;
import dev.asynccommerce.kernel.Money;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.platform.json.Json;
import org.junit.jupiter.api.Test;

class ListCatalogItemsHandlerTest {
    private final InMemoryCatalogRepository catalog = new InMemoryCatalogRepository();
    private final ListCatalogItemsHandler handler = new ListCatalogItemsHandler(new CatalogWiring(catalog));

    @Test
    void answersEveryItemInSkuOrderWithPriceInCents() throws Exception {
        catalog.with(
                new CatalogItem(new Sku("SKU-0002"), "Insulated Water Bottle 750 ml", Money.of(1999, "EUR")),
                new CatalogItem(new Sku("SKU-0001"), "Espresso Cup Set (4 pieces)", Money.of(1299, "EUR")));

        APIGatewayV2HTTPResponse response = handler.handleRequest(event(), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(body(response)).isEqualTo(Json.mapper().readTree("""
                {"items":[
                  {"sku":"SKU-0001","name":"Espresso Cup Set (4 pieces)","priceCents":1299,"currency":"EUR"},
                  {"sku":"SKU-0002","name":"Insulated Water Bottle 750 ml","priceCents":1999,"currency":"EUR"}
                ]}"""));
    }

    @Test
    void answersAnEmptyListForAnEmptyCatalog() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event(), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response)).isEqualTo(Json.mapper().readTree("{\"items\":[]}"));
    }

    @Test
    void answersAnInternalProblemWithoutDetailsWhenTheCatalogCannotBeRead() throws Exception {
        catalog.failWith(new IllegalStateException("table catalog-prod unreachable at 10.0.0.7"));

        APIGatewayV2HTTPResponse response = handler.handleRequest(event(), null);

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        JsonNode problem = body(response);
        assertThat(problem.path("status").asInt()).isEqualTo(500);
        assertThat(problem.path("type").asText()).endsWith("/internal");
        assertThat(response.getBody()).doesNotContain("catalog-prod", "10.0.0.7", "IllegalStateException");
    }

    private static APIGatewayV2HTTPEvent event() {
        return EventLoader.loadApiGatewayHttpEvent("events/list-catalog-items.json");
    }

    private static JsonNode body(APIGatewayV2HTTPResponse response) throws Exception {
        return Json.mapper().readTree(response.getBody());
    }
}
