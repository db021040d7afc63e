package dev.asynccommerce.localstack.apigateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An HTTP request as the gateway sees it, independent of Jetty.
 *
 * @param rawPath the path inside the API (after {@code /_aws/execute-api/<apiId>}), still percent-encoded
 * @param rawQuery the query string without {@code ?}, or empty
 * @param headers in arrival order, names as sent, repeated names repeated
 */
record GatewayRequest(
        String method,
        String rawPath,
        String rawQuery,
        List<Map.Entry<String, String>> headers,
        byte[] body,
        String sourceIp,
        String protocol) {

    String header(String name) {
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    List<String> headerValues(String name) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equalsIgnoreCase(name)) {
                values.add(header.getValue());
            }
        }
        return values;
    }
}
