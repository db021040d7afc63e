package dev.asynccommerce.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.platform.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

class HttpPlumbingTest {

    private static ApiRequest request(Map<String, String> headers, String body, String rawQuery) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setHeaders(new HashMap<>(headers));
        event.setBody(body);
        event.setRawQueryString(rawQuery);
        return new ApiRequest(event);
    }

    @Test
    void headersAreFoundWhateverTheirCase() {
        ApiRequest request = request(Map.of("authorization", "bearer abc.def"), null, null);

        assertThat(request.header("Authorization")).contains("bearer abc.def");
        assertThat(request.bearerToken()).contains("abc.def");
    }

    @Test
    void repeatedQueryParametersStayApartAndAreDecoded() {
        ApiRequest request = request(Map.of(), null, "sku=SKU-0001&other=x&sku=SKU%2D0002&sku=");

        assertThat(request.queryParameters("sku")).containsExactly("SKU-0001", "SKU-0002", "");
    }

    @Test
    void aBase64BodyIsDecoded() {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setBody(Base64.getEncoder().encodeToString("{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);

        assertThat(new String(new ApiRequest(event).bodyBytes(), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":1}");
    }

    @Test
    void jsonBodiesAreReadStrictly() {
        Map<String, String> json = Map.of("content-type", "application/json; charset=utf-8");

        assertThat(JsonBody.read(request(json, "{\"a\":1}", null), 100)).isInstanceOf(JsonBody.Parsed.Ok.class);
        assertThat(status(JsonBody.read(request(json, "{\"a\":1,\"a\":2}", null), 100)))
                .isEqualTo(400);
        assertThat(status(JsonBody.read(request(json, "[1]", null), 100))).isEqualTo(400);
        assertThat(status(JsonBody.read(request(json, "", null), 100))).isEqualTo(400);
        assertThat(status(JsonBody.read(request(json, "{\"a\":\"" + "x".repeat(200) + "\"}", null), 100)))
                .isEqualTo(413);
        assertThat(status(JsonBody.read(request(Map.of("content-type", "text/plain"), "{}", null), 100)))
                .isEqualTo(415);
        assertThat(status(JsonBody.read(request(json, "[".repeat(40) + "]".repeat(40), null), 1000)))
                .isEqualTo(400);
    }

    private static int status(JsonBody.Parsed parsed) {
        return ((JsonBody.Parsed.Refused) parsed).problem().status();
    }

    @Test
    void aFingerprintIgnoresWhitespaceAndMemberOrderButNotValues() throws Exception {
        JsonNode a = Json.mapper().readTree("{\"a\":1,\"b\":{\"c\":[1,2],\"d\":\"x\"}}");
        JsonNode b = Json.mapper().readTree("{ \"b\": {\"d\":\"x\", \"c\":[1,2]}, \"a\": 1 }");
        JsonNode c = Json.mapper().readTree("{\"a\":1,\"b\":{\"c\":[2,1],\"d\":\"x\"}}");

        assertThat(Fingerprint.of(a)).isEqualTo(Fingerprint.of(b)).hasSize(64);
        assertThat(Fingerprint.of(a)).isNotEqualTo(Fingerprint.of(c));
    }

    @Test
    void aProblemDocumentNamesItsFieldsAndOmitsAnEmptyList() throws Exception {
        JsonNode validation = Json.mapper()
                .readTree(HttpResponses.problem(
                                Problem.validation(List.of(new FieldError("lines[0].sku", "unknown SKU"))))
                        .getBody());
        JsonNode plain = Json.mapper()
                .readTree(HttpResponses.problem(Problem.notFound("gone")).getBody());

        assertThat(validation.path("status").asInt()).isEqualTo(400);
        assertThat(validation.path("errors").get(0).path("field").asText()).isEqualTo("lines[0].sku");
        assertThat(plain.has("errors")).isFalse();
    }

    @Test
    void theGuardTurnsFailuresIntoProblemsWithoutTheirMessages() {
        APIGatewayV2HTTPResponse crashed = Guard.respond("Test", () -> {
            throw new IllegalStateException("secret-detail");
        });
        APIGatewayV2HTTPResponse timedOut = Guard.respond("Test", () -> {
            throw SdkClientException.builder().message("secret-host timed out").build();
        });

        assertThat(crashed.getStatusCode()).isEqualTo(500);
        assertThat(crashed.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(crashed.getBody()).doesNotContain("secret-detail").doesNotContain("IllegalStateException");
        assertThat(timedOut.getStatusCode()).isEqualTo(503);
        assertThat(Guard.worthRetrying(DynamoDbException.builder()
                        .statusCode(400)
                        .message("bad")
                        .build()))
                .isFalse();
        assertThat(Guard.worthRetrying(
                        DynamoDbException.builder().statusCode(503).build()))
                .isTrue();
        assertThat(timedOut.getBody()).doesNotContain("secret-host");
    }
}
