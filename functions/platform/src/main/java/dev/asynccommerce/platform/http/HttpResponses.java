package dev.asynccommerce.platform.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.asynccommerce.platform.json.Json;
import java.util.HashMap;
import java.util.Map;

/** Builds API Gateway HTTP API (payload v2) answers: JSON bodies and problem documents. */
public final class HttpResponses {
    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    private HttpResponses() {}

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return json(status, body, Map.of());
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put("Content-Type", JSON);
        headers.put("Cache-Control", "no-store");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(write(body))
                .build();
    }

    public static APIGatewayV2HTTPResponse problem(Problem problem) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", PROBLEM_JSON);
        headers.put("Cache-Control", "no-store");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(problem.status())
                .withHeaders(headers)
                .withBody(write(problem))
                .build();
    }

    private static String write(Object body) {
        try {
            return Json.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            // Our own response types always serialize; reaching this is a programming error.
            throw new IllegalStateException("response body could not be written as JSON", e);
        }
    }
}
