package dev.asynccommerce.platform.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only view of an API Gateway HTTP API (payload v2) request with the quirks handled once:
 * header names are case-insensitive, bodies may be base64, repeated query parameters are read from
 * the raw query string (the parsed map joins them with commas).
 */
public final class ApiRequest {
    private final APIGatewayV2HTTPEvent event;

    public ApiRequest(APIGatewayV2HTTPEvent event) {
        this.event = event;
    }

    public Optional<String> header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                return Optional.ofNullable(e.getValue());
            }
        }
        return Optional.empty();
    }

    /** The token of an {@code Authorization: Bearer <token>} header, if there is one. */
    public Optional<String> bearerToken() {
        return header("Authorization")
                .map(String::trim)
                .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(v -> v.substring(7).trim())
                .filter(v -> !v.isEmpty());
    }

    public Optional<String> pathParameter(String name) {
        Map<String, String> params = event.getPathParameters();
        return params == null ? Optional.empty() : Optional.ofNullable(params.get(name));
    }

    /** Every value of a query parameter, in order, decoded; repeated names are kept apart. */
    public List<String> queryParameters(String name) {
        String raw = event.getRawQueryString();
        List<String> values = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (key.equals(name)) {
                values.add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return values;
    }

    /** The body as bytes, decoded from base64 when API Gateway encoded it; empty when absent. */
    public byte[] bodyBytes() {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (event.getIsBase64Encoded()) {
            try {
                return Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                return new byte[0];
            }
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    public boolean hasJsonContentType() {
        return header("Content-Type")
                .map(v -> v.toLowerCase(Locale.ROOT).trim())
                .map(v -> v.startsWith("application/json") || v.matches("application/[a-z0-9.+-]+\\+json.*"))
                .orElse(false);
    }

    /** The request id API Gateway gave this request; the correlation id when the caller sent none. */
    public String requestId() {
        if (event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
            return event.getRequestContext().getRequestId();
        }
        return "unknown";
    }

    public APIGatewayV2HTTPEvent raw() {
        return event;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
