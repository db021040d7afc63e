package dev.asynccommerce.fulfillment.adapter.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.platform.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The issuer's RSA signing keys from its JWKS document, cached by {@code kid}.
 *
 * <p>Cognito may rotate a user pool's signing keys and recommends caching the public keys by
 * {@code kid}, refreshing when a token names a {@code kid} the cache does not hold (Amazon Cognito
 * developer guide, "Verifying JSON web tokens"). A token with an unknown {@code kid} costs us at most
 * one fetch a minute ({@link #REFRESH_INTERVAL}), so made-up ids cannot turn every connect into a
 * request to the issuer; before the first successful fetch every lookup tries, since refusing good
 * tokens because of one failed start would be worse.
 *
 * <p>Only keys fit for RS256 are kept: {@code kty} RSA, {@code use} absent or {@code sig}, {@code
 * alg} absent or RS256, and a modulus of 2048 bits or more. Lambda runs one request at a time per
 * environment; the lock is for the local stack, which may not.
 */
final class SigningKeys {
    static final Duration REFRESH_INTERVAL = Duration.ofMinutes(1);

    /** A Cognito JWKS holds two keys in about 1 KB; anything far larger is not what we asked for. */
    private static final int MAX_DOCUMENT_BYTES = 64 * 1024;

    private static final int MIN_MODULUS_BITS = 2048;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

    private final URI jwksUri;
    private final HttpClient http;
    private final Clock clock;
    private Map<String, RSAPublicKey> keys = Map.of();
    /** When the keys were last fetched; null until the first fetch succeeds. */
    private Instant lastRefresh;

    SigningKeys(URI jwksUri, HttpClient http, Clock clock) {
        this.jwksUri = jwksUri;
        this.http = http;
        this.clock = clock;
    }

    synchronized Optional<RSAPublicKey> find(String kid) {
        RSAPublicKey key = keys.get(kid);
        if (key != null) {
            return Optional.of(key);
        }
        Instant now = clock.instant();
        boolean refresh = lastRefresh != null;
        if (refresh && now.isBefore(lastRefresh.plus(REFRESH_INTERVAL))) {
            return Optional.empty();
        }
        if (refresh) {
            // Counted before the fetch: an issuer that fails is not asked again within the minute either.
            lastRefresh = now;
        }
        keys = fetch();
        lastRefresh = now;
        return Optional.ofNullable(keys.get(kid));
    }

    private Map<String, RSAPublicKey> fetch() {
        HttpRequest request = HttpRequest.newBuilder(jwksUri)
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .GET()
                .build();
        byte[] body;
        int status;
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
            }
        } catch (IOException e) {
            throw new SigningKeysUnavailableException(
                    "the JWKS request failed: " + e.getClass().getName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SigningKeysUnavailableException("interrupted while fetching the JWKS", e);
        }
        if (status != 200) {
            throw new SigningKeysUnavailableException("the JWKS answered HTTP " + status);
        }
        if (body.length > MAX_DOCUMENT_BYTES) {
            throw new SigningKeysUnavailableException("the JWKS is larger than " + MAX_DOCUMENT_BYTES + " bytes");
        }
        return parse(body);
    }

    static Map<String, RSAPublicKey> parse(byte[] document) {
        JsonNode keySet;
        try {
            keySet = Json.mapper().readTree(document);
        } catch (IOException e) {
            throw new SigningKeysUnavailableException("the JWKS is not JSON", e);
        }
        JsonNode entries = keySet == null ? null : keySet.get("keys");
        if (entries == null || !entries.isArray()) {
            throw new SigningKeysUnavailableException("the JWKS has no keys array");
        }
        Map<String, RSAPublicKey> found = new HashMap<>();
        for (JsonNode entry : entries) {
            rsaSigningKey(entry).ifPresent(key -> found.put(entry.get("kid").asText(), key));
        }
        return Map.copyOf(found);
    }

    /** The entry as an RS256 verification key, or empty for any other kind of key: it is skipped. */
    private static Optional<RSAPublicKey> rsaSigningKey(JsonNode entry) {
        if (!entry.isObject()
                || !"RSA".equals(text(entry, "kty"))
                || text(entry, "kid") == null
                || !optionalEquals(entry, "use", "sig")
                || !optionalEquals(entry, "alg", "RS256")) {
            return Optional.empty();
        }
        Optional<byte[]> modulus = unsignedBytes(text(entry, "n"));
        Optional<byte[]> exponent = unsignedBytes(text(entry, "e"));
        if (modulus.isEmpty() || exponent.isEmpty()) {
            return Optional.empty();
        }
        BigInteger n = new BigInteger(1, modulus.get());
        if (n.bitLength() < MIN_MODULUS_BITS) {
            return Optional.empty();
        }
        try {
            return Optional.of((RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(n, new BigInteger(1, exponent.get()))));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static Optional<byte[]> unsignedBytes(String base64url) {
        if (base64url == null || base64url.isEmpty() || base64url.indexOf('=') >= 0) {
            return Optional.empty();
        }
        return SignedToken.decode(base64url);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static boolean optionalEquals(JsonNode node, String field, String expected) {
        return !node.has(field) || expected.equals(text(node, field));
    }
}
