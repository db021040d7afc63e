package dev.asynccommerce.localstack.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CORS of an HTTP API with a CORS configuration, configured as StorefrontApi configures it. */
class CorsIT {
    private static final String ORDERS = "arn:aws:lambda:us-east-1:000000000000:function:orders";
    private static final String WEB = "http://localhost:5173";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static GatewayServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new GatewayServer();
        server.functions.define(
                ORDERS,
                event ->
                        "{\"statusCode\":202,\"headers\":{\"Location\":\"/orders/o-1\",\"Access-Control-Allow-Origin\":\"https://evil.example\"},\"body\":\"{}\"}");
        server.gateway.addHttpApi(new HttpApiConfig(
                "storefront",
                "$default",
                new HttpApiConfig.Cors(
                        List.of(WEB),
                        List.of("GET", "POST", "OPTIONS"),
                        List.of("Content-Type", "Authorization", "Idempotency-Key", "X-Correlation-Id"),
                        List.of("Location", "Retry-After"),
                        3600,
                        false),
                List.of(new HttpApiConfig.Route("POST /orders", ORDERS))));
        server.gateway.addHttpApi(new HttpApiConfig(
                "open",
                "$default",
                new HttpApiConfig.Cors(List.of("*"), List.of("*"), List.of("*"), List.of(), null, false),
                List.of(new HttpApiConfig.Route("POST /orders", ORDERS))));
        server.gateway.addHttpApi(new HttpApiConfig(
                "no-cors", "$default", null, List.of(new HttpApiConfig.Route("POST /orders", ORDERS))));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void answersAPreflightItselfWithTheConfiguredHeaders() throws Exception {
        int invocationsBefore = server.functions.pending(ORDERS);
        HttpResponse<String> response = preflight("storefront", WEB, "POST");
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("access-control-allow-origin")).hasValue(WEB);
        assertThat(response.headers().firstValue("access-control-allow-methods"))
                .hasValue("GET,POST,OPTIONS");
        assertThat(response.headers().firstValue("access-control-allow-headers"))
                .hasValue("content-type,authorization,idempotency-key,x-correlation-id");
        assertThat(response.headers().firstValue("access-control-max-age")).hasValue("3600");
        assertThat(response.headers().firstValue("access-control-allow-credentials"))
                .isEmpty();
        assertThat(server.functions.pending(ORDERS))
                .as("no function runs for a preflight")
                .isEqualTo(invocationsBefore);
    }

    @Test
    void answersAPreflightFromAnotherOriginWithoutCorsHeaders() throws Exception {
        HttpResponse<String> response = preflight("storefront", "https://evil.example", "POST");
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().map().keySet()).noneMatch(h -> h.startsWith("access-control-"));
    }

    @Test
    void addsCorsHeadersToAResponseForAnAllowedOriginAndDropsTheFunctionsOwn() throws Exception {
        HttpResponse<String> response = post("storefront", WEB);
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().allValues("access-control-allow-origin")).containsExactly(WEB);
        assertThat(response.headers().firstValue("access-control-expose-headers"))
                .hasValue("location,retry-after");
        assertThat(response.headers().firstValue("location")).hasValue("/orders/o-1");
    }

    @Test
    void addsNoCorsHeadersForAnotherOrigin() throws Exception {
        HttpResponse<String> response = post("storefront", "https://evil.example");
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().map().keySet()).noneMatch(h -> h.startsWith("access-control-"));
    }

    @Test
    void allowsAnyOriginWithAWildcardAndEchoesTheRequestedHeaders() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(url("open", "/orders"))
                        .header("Origin", "https://any.example")
                        .header("Access-Control-Request-Method", "PUT")
                        .header("Access-Control-Request-Headers", "x-custom,content-type")
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("access-control-allow-origin")).hasValue("*");
        assertThat(response.headers().firstValue("access-control-allow-headers"))
                .hasValue("x-custom,content-type");
    }

    @Test
    void routesOptionsLikeAnyMethodWhenTheApiHasNoCors() throws Exception {
        HttpResponse<String> response = preflight("no-cors", WEB, "POST");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
    }

    private static HttpResponse<String> preflight(String apiId, String origin, String method) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(url(apiId, "/orders"))
                        .header("Origin", origin)
                        .header("Access-Control-Request-Method", method)
                        .header("Access-Control-Request-Headers", "content-type,idempotency-key")
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String apiId, String origin) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(url(apiId, "/orders"))
                        .header("Origin", origin)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI url(String apiId, String path) {
        return URI.create(ApiGateway.httpApiUrl(server.endpoint(), apiId) + path);
    }
}
