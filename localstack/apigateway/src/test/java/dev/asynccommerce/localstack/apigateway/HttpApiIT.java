package dev.asynccommerce.localstack.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asynccommerce.localstack.spi.TraceContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An HTTP API through real HTTP: route selection, the payload 2.0 event, response mapping, errors. */
class HttpApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String ECHO = "arn:aws:lambda:us-east-1:000000000000:function:echo";
    private static final String STORES = "arn:aws:lambda:us-east-1:000000000000:function:availability";
    private static final String RESPOND = "arn:aws:lambda:us-east-1:000000000000:function:respond";
    private static final String FAILS = "arn:aws:lambda:us-east-1:000000000000:function:fails";

    private static GatewayServer server;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        server = new GatewayServer();
        // Answers with the route API Gateway chose and the path parameters it extracted.
        server.functions.define(
                ECHO,
                event -> "{\"routeKey\":" + event.get("routeKey") + ",\"pathParameters\":"
                        + (event.has("pathParameters") ? event.get("pathParameters") : "{}") + "}");
        server.functions.define(STORES, event -> "{\"statusCode\":200,\"body\":\"ok\"}");
        server.functions.define(RESPOND, event -> switch ("/"
                + event.get("pathParameters").get("proxy").asText()) {
            case "/structured" -> """
                {"statusCode":201,"headers":{"Location":"/orders/o-1","x-count":3},
                 "cookies":["session=abc; Path=/","theme=dark"],"body":"{\\"orderId\\":\\"o-1\\"}"}""";
            case "/binary" ->
                "{\"statusCode\":200,\"headers\":{\"content-type\":\"image/png\"},\"isBase64Encoded\":true,\"body\":\""
                        + Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff})
                        + "\"}";
            case "/object" -> "{\"message\":\"Hello from Lambda!\"}";
            case "/string" -> "\"Hello from Lambda!\"";
            case "/no-type" -> "{\"statusCode\":204}";
            case "/bad-status" -> "{\"statusCode\":\"teapot\"}";
            default -> "not json at all";
        });
        server.functions.define(FAILS, event -> {
            throw new IllegalStateException("boom");
        });
        server.gateway.addHttpApi(new HttpApiConfig(
                "pets",
                "$default",
                null,
                List.of(
                        new HttpApiConfig.Route("GET /pets/dog/1", ECHO),
                        new HttpApiConfig.Route("GET /pets/dog/{id}", ECHO),
                        new HttpApiConfig.Route("GET /pets/{proxy+}", ECHO),
                        new HttpApiConfig.Route("ANY /{proxy+}", ECHO),
                        new HttpApiConfig.Route("$default", ECHO))));
        server.gateway.addHttpApi(new HttpApiConfig(
                "shop",
                null,
                null,
                List.of(
                        new HttpApiConfig.Route("GET /stores/{storeId}/availability", STORES),
                        new HttpApiConfig.Route("POST /orders/{orderId}/cancel", STORES),
                        new HttpApiConfig.Route("ANY /respond/{proxy+}", RESPOND),
                        new HttpApiConfig.Route("GET /fails", FAILS))));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void selectsTheMostSpecificRouteAsAwsWorkedExampleDoes() throws Exception {
        assertThat(routed("GET", "/pets/dog/1")).isEqualTo("GET /pets/dog/1 {}");
        assertThat(routed("GET", "/pets/dog/2")).isEqualTo("GET /pets/dog/{id} {\"id\":\"2\"}");
        assertThat(routed("GET", "/pets/cat/1")).isEqualTo("GET /pets/{proxy+} {\"proxy\":\"cat/1\"}");
        assertThat(routed("POST", "/test/5")).isEqualTo("ANY /{proxy+} {\"proxy\":\"test/5\"}");
        assertThat(routed("GET", "/")).isEqualTo("$default {}");
    }

    @Test
    void decodesPathParametersAndKeepsTheGreedyRemainderWhole() throws Exception {
        assertThat(routed("GET", "/pets/dog/a%20b")).isEqualTo("GET /pets/dog/{id} {\"id\":\"a b\"}");
        assertThat(routed("DELETE", "/a/b/c/")).isEqualTo("ANY /{proxy+} {\"proxy\":\"a/b/c/\"}");
    }

    @Test
    void theCallersTraceHeaderReachesTheEventAndTheInvocation() throws Exception {
        String caller = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(url("shop", "/stores/store-001/availability"))
                        .header("X-Amzn-Trace-Id", caller)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode event = server.functions.nextEvent(STORES, WAIT);

        assertThat(event.at("/headers/x-amzn-trace-id").asText()).isEqualTo(caller);
        TraceContext trace = server.functions.lastTrace(STORES);
        assertThat(trace.caller().toString()).isEqualTo(caller);
    }

    @Test
    void aRequestWithoutATraceHeaderGetsANewRootThatTheFunctionContinues() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(url("shop", "/stores/store-001/availability"))
                        .header("X-Amzn-Trace-Id", "not a trace header")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode event = server.functions.nextEvent(STORES, WAIT);

        String header = event.at("/headers/x-amzn-trace-id").asText();
        assertThat(header).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}");
        TraceContext trace = server.functions.lastTrace(STORES);
        assertThat(trace.caller().root()).isEqualTo(header.substring("Root=".length()));
        assertThat(trace.caller().sampled())
                .as("the function's tracing mode decides")
                .isNull();
    }

    @Test
    void buildsThePayloadFormatTwoEventAsAwsDocumentsIt() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(url("shop", "/stores/store-001/availability?sku=SKU-1&sku=SKU-2&q=a%2Bb&flag"))
                        .header("User-Agent", "StoreDevice/1.4")
                        .header("X-Custom", "one")
                        .header("X-Custom", "two")
                        .header("Cookie", "session=abc; theme=dark")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode event = server.functions.nextEvent(STORES, WAIT);

        assertThat(event.get("version").asText()).isEqualTo("2.0");
        assertThat(event.get("routeKey").asText()).isEqualTo("GET /stores/{storeId}/availability");
        assertThat(event.get("rawPath").asText()).isEqualTo("/stores/store-001/availability");
        assertThat(event.get("rawQueryString").asText()).isEqualTo("sku=SKU-1&sku=SKU-2&q=a%2Bb&flag");
        assertThat(event.get("cookies"))
                .containsExactly(JSON.readTree("\"session=abc\""), JSON.readTree("\"theme=dark\""));
        JsonNode headers = event.get("headers");
        assertThat(headers.get("x-custom").asText()).isEqualTo("one,two");
        assertThat(headers.get("user-agent").asText()).isEqualTo("StoreDevice/1.4");
        assertThat(headers.has("cookie")).as("cookies travel in 'cookies' only").isFalse();
        assertThat(headers.get("x-forwarded-for").asText()).isEqualTo("127.0.0.1");
        assertThat(headers.get("x-amzn-trace-id").asText()).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}");
        headers.properties().forEach(h -> assertThat(h.getKey()).isLowerCase());
        assertThat(event.get("queryStringParameters"))
                .isEqualTo(JSON.readTree("{\"sku\":\"SKU-1,SKU-2\",\"q\":\"a+b\",\"flag\":\"\"}"));
        assertThat(event.get("pathParameters")).isEqualTo(JSON.readTree("{\"storeId\":\"store-001\"}"));
        assertThat(event.has("body")).isFalse();
        assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(event.has("stageVariables")).isFalse();

        JsonNode context = event.get("requestContext");
        assertThat(context.get("accountId").asText()).isEqualTo("000000000000");
        assertThat(context.get("apiId").asText()).isEqualTo("shop");
        assertThat(context.get("domainName").asText())
                .isEqualTo(server.endpoint().getAuthority());
        assertThat(context.get("domainPrefix").asText()).isEqualTo("shop");
        assertThat(context.get("http").get("method").asText()).isEqualTo("GET");
        assertThat(context.get("http").get("path").asText()).isEqualTo("/stores/store-001/availability");
        assertThat(context.get("http").get("protocol").asText()).isEqualTo("HTTP/1.1");
        assertThat(context.get("http").get("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(context.get("http").get("userAgent").asText()).isEqualTo("StoreDevice/1.4");
        assertThat(context.get("requestId").asText()).matches("[A-Za-z0-9]{15}=");
        assertThat(context.get("requestId").asText())
                .isEqualTo(response.headers().firstValue("apigw-requestid").orElseThrow());
        assertThat(context.get("routeKey").asText()).isEqualTo("GET /stores/{storeId}/availability");
        assertThat(context.get("stage").asText()).isEqualTo("$default");
        assertThat(context.get("time").asText()).isEqualTo("21/Nov/2026:09:00:00 +0000");
        assertThat(context.get("timeEpoch").asLong()).isEqualTo(GatewayServer.START.toEpochMilli());
        assertThat(context.has("authorizer")).as("no authorizer on this route").isFalse();
    }

    @Test
    void passesTextBodiesAsTextAndOtherBodiesAsBase64() throws Exception {
        HTTP.send(
                HttpRequest.newBuilder(url("shop", "/orders/o-1/cancel"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"changed my mind\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode json = server.functions.nextEvent(STORES, WAIT);
        assertThat(json.get("body").asText()).isEqualTo("{\"reason\":\"changed my mind\"}");
        assertThat(json.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(json.get("pathParameters").get("orderId").asText()).isEqualTo("o-1");

        byte[] binary = {0, 1, 2, (byte) 0xfe, (byte) 0xff};
        HTTP.send(
                HttpRequest.newBuilder(url("shop", "/orders/o-2/cancel"))
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(binary))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode octets = server.functions.nextEvent(STORES, WAIT);
        assertThat(octets.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(octets.get("body").asText())).isEqualTo(binary);
    }

    @Test
    void mapsAStructuredResponseWithHeadersAndCookies() throws Exception {
        HttpResponse<String> response = get("shop", "/respond/structured");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("location")).hasValue("/orders/o-1");
        assertThat(response.headers().firstValue("x-count")).hasValue("3");
        assertThat(response.headers().allValues("set-cookie")).containsExactly("session=abc; Path=/", "theme=dark");
        assertThat(response.body()).isEqualTo("{\"orderId\":\"o-1\"}");
    }

    @Test
    void decodesABase64ResponseBody() throws Exception {
        HttpResponse<byte[]> response = HTTP.send(
                HttpRequest.newBuilder(url("shop", "/respond/binary")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("image/png");
        assertThat(response.body()).containsExactly((byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff);
    }

    @Test
    void infersA200JsonResponseFromAnythingWithoutStatusCode() throws Exception {
        HttpResponse<String> object = get("shop", "/respond/object");
        assertThat(object.statusCode()).isEqualTo(200);
        assertThat(object.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(JSON.readTree(object.body())).isEqualTo(JSON.readTree("{\"message\":\"Hello from Lambda!\"}"));

        HttpResponse<String> string = get("shop", "/respond/string");
        assertThat(string.statusCode()).isEqualTo(200);
        assertThat(string.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(string.body()).isEqualTo("Hello from Lambda!");
    }

    @Test
    void answersAStatusWithoutBodyOrType() throws Exception {
        HttpResponse<String> response = get("shop", "/respond/no-type");
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void answers500WhenTheFunctionFailsOrAnswersNonsense() throws Exception {
        for (String path : List.of("/fails", "/respond/bad-status", "/respond/garbage")) {
            HttpResponse<String> response = get("shop", path);
            assertThat(response.statusCode()).as(path).isEqualTo(500);
            assertThat(response.body()).as(path).isEqualTo("{\"message\":\"Internal Server Error\"}");
        }
    }

    @Test
    void answers404WhenNoRouteMatches() throws Exception {
        for (URI uri : List.of(
                url("shop", "/nowhere"),
                url("shop", "/stores/store-001/availability/extra"),
                url("shop", "/fails/"),
                url("no-such-api", "/stores"))) {
            HttpResponse<String> response =
                    HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(uri.toString()).isEqualTo(404);
            assertThat(response.body()).as(uri.toString()).isEqualTo("{\"message\":\"Not Found\"}");
        }
        HttpResponse<String> wrongMethod = HTTP.send(
                HttpRequest.newBuilder(url("shop", "/fails")).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongMethod.statusCode()).isEqualTo(404);
    }

    @Test
    void leavesOtherPathsToTheNextHandler() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(server.endpoint().resolve("/_local/health"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("apigw-requestid")).isEmpty();
        assertThat(response.statusCode()).isEqualTo(404);
    }

    private static String routed(String method, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(url("pets", path))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        while (server.functions.pending(ECHO) > 0) {
            server.functions.nextEvent(ECHO, WAIT);
        }
        return answer.get("routeKey").asText() + " " + answer.get("pathParameters");
    }

    private static HttpResponse<String> get(String apiId, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url(apiId, path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static URI url(String apiId, String pathAndQuery) {
        return URI.create(ApiGateway.httpApiUrl(server.endpoint(), apiId) + pathAndQuery);
    }
}
