package dev.asynccommerce.catalog.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.catalog.CatalogWiring;
import dev.asynccommerce.catalog.application.InMemoryCatalogRepository;
import dev.asynccommerce.catalog.domain.Store;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.platform.json.Json;
import org.junit.jupiter.api.Test;

class ListStoresHandlerTest {
    private final InMemoryCatalogRepository catalog = new InMemoryCatalogRepository();
    private final ListStoresHandler handler = new ListStoresHandler(new CatalogWiring(catalog));

    @Test
    void answersEveryStoreInIdOrder() throws Exception {
        catalog.with(
                new Store(new StoreId("store-002"), "Rotterdam Lijnbaan"),
                new Store(new StoreId("store-001"), "Amsterdam Centraal"));

        APIGatewayV2HTTPResponse response = handler.handleRequest(event(), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(body(response)).isEqualTo(Json.mapper().readTree("""
                {"stores":[
                  {"storeId":"store-001","name":"Amsterdam Centraal"},
                  {"storeId":"store-002","name":"Rotterdam Lijnbaan"}
                ]}"""));
    }

    @Test
    void answersAnInternalProblemWithoutDetailsWhenTheDirectoryCannotBeRead() throws Exception {
        catalog.failWith(new IllegalStateException("table catalog-prod unreachable"));

        APIGatewayV2HTTPResponse response = handler.handleRequest(event(), null);

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(body(response).path("title").asText()).isEqualTo("Internal error");
        assertThat(response.getBody()).doesNotContain("catalog-prod");
    }

    private static APIGatewayV2HTTPEvent event() {
        return EventLoader.loadApiGatewayHttpEvent("events/list-stores.json");
    }

    private static JsonNode body(APIGatewayV2HTTPResponse response) throws Exception {
        return Json.mapper().readTree(response.getBody());
    }
}
