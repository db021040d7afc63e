package dev.asynccommerce.fulfillment.adapter.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.platform.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A JWT in JWS compact serialization, taken apart but not yet trusted: the decoded header, the
 * still-encoded payload, the exact text the signature covers, and the signature bytes.
 *
 * <p>Parsing is strict, and every failure is an empty answer, never an exception: exactly three
 * segments, unpadded base64url only (RFC 7515 §2), a header that is one JSON object without
 * duplicate keys (platform's {@link Json} refuses those, so no two parsers can read two different
 * {@code alg}s). The payload is decoded only after the signature has been checked.
 */
record SignedToken(JsonNode header, String payloadSegment, byte[] signingInput, byte[] signature) {
    /**
     * Far above a Cognito ID token with a store claim (about 1 KB) and above the 4096 characters
     * API Gateway allows in a WebSocket URL; bounds the work an attacker can ask of us.
     */
    static final int MAX_LENGTH = 8 * 1024;

    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*");

    static Optional<SignedToken> parse(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String[] segments = token.split("\\.", -1);
        if (segments.length != 3 || segments[0].isEmpty() || segments[1].isEmpty()) {
            return Optional.empty();
        }
        for (String segment : segments) {
            if (!BASE64URL.matcher(segment).matches()) {
                return Optional.empty();
            }
        }
        Optional<byte[]> header = decode(segments[0]);
        Optional<byte[]> signature = decode(segments[2]);
        if (header.isEmpty() || signature.isEmpty()) {
            return Optional.empty();
        }
        return readObject(header.get())
                .map(h -> new SignedToken(
                        h,
                        segments[1],
                        (segments[0] + "." + segments[1]).getBytes(StandardCharsets.US_ASCII),
                        signature.get()));
    }

    /** The header's value as text, or empty when absent or not a string. */
    Optional<String> headerText(String name) {
        JsonNode value = header.get(name);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** The claims, once the signature is known to cover them. */
    Optional<JsonNode> claims() {
        return decode(payloadSegment).flatMap(SignedToken::readObject);
    }

    static Optional<byte[]> decode(String segment) {
        try {
            return Optional.of(Base64.getUrlDecoder().decode(segment));
        } catch (IllegalArgumentException e) {
            // A length no base64 text can have (one character too many): not a token.
            return Optional.empty();
        }
    }

    private static Optional<JsonNode> readObject(byte[] json) {
        try {
            JsonNode node = Json.mapper().readTree(json);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            // Not JSON, duplicate keys, trailing tokens, over the parser's bounds: not a token.
            return Optional.empty();
        }
    }
}
