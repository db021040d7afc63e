package dev.asynccommerce.localstack.apigateway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An HTTP response the gateway sends: status, headers in order (repeatable), body. */
record GatewayResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {
    GatewayResponse {
        headers = new ArrayList<>(headers);
    }

    /** API Gateway's own JSON answer, e.g. {@code {"message":"Not Found"}}. */
    static GatewayResponse message(int status, String message) {
        return new GatewayResponse(
                status,
                List.of(Map.entry("content-type", "application/json")),
                ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    GatewayResponse withHeader(String name, String value) {
        headers.add(Map.entry(name, value));
        return this;
    }

    String header(String name) {
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }
}
