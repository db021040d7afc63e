package dev.asynccommerce.localstack.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates a JWT as an HTTP API's JWT authorizer does: a {@code kid} that names one of the issuer's
 * keys, an RSA signature (RS256/384/512, the JDK's own crypto), {@code iss} exactly the configured
 * issuer, {@code aud} (or {@code client_id} when there is no {@code aud}) among the configured
 * audiences, {@code exp} in the future, {@code nbf} and {@code iat} not in the future, and — when the
 * route names scopes — one of them in {@code scope}/{@code scp}.
 */
final class JwtVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ALGORITHMS =
            Map.of("RS256", "SHA256withRSA", "RS384", "SHA384withRSA", "RS512", "SHA512withRSA");

    private final JwksSource jwks;
    private final InstantSource clock;
    private final Map<String, Map<String, PublicKey>> keysByIssuer = new ConcurrentHashMap<>();

    JwtVerifier(JwksSource jwks, InstantSource clock) {
        this.jwks = jwks;
        this.clock = clock;
    }

    /** The outcome: verified claims, or the reason and the status API Gateway answers with. */
    sealed interface Result {
        record Verified(Map<String, String> claims, List<String> scopes) implements Result {}

        record Refused(int status, String reason) implements Result {}
    }

    Result verify(String token, HttpApiConfig.JwtAuthorizer authorizer, List<String> requiredScopes) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return unauthorized("not a JWS compact token");
        }
        JsonNode header;
        JsonNode claims;
        byte[] signature;
        try {
            Base64.Decoder decoder = Base64.getUrlDecoder();
            header = JSON.readTree(decoder.decode(parts[0]));
            claims = JSON.readTree(decoder.decode(parts[1]));
            signature = decoder.decode(parts[2]);
        } catch (Exception e) {
            return unauthorized("malformed token");
        }
        if (header == null || !header.isObject() || claims == null || !claims.isObject()) {
            return unauthorized("malformed token");
        }
        String algorithm = ALGORITHMS.get(header.path("alg").asText(""));
        if (algorithm == null) {
            return unauthorized("unsupported alg " + header.path("alg").asText(""));
        }
        String kid = header.path("kid").asText(null);
        if (kid == null) {
            return unauthorized("no kid");
        }
        PublicKey key;
        try {
            key = key(authorizer.issuer(), kid);
        } catch (Exception e) {
            return unauthorized("the issuer's keys could not be read: " + e.getMessage());
        }
        if (key == null) {
            return unauthorized("no key " + kid + " at the issuer");
        }
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(key);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(signature)) {
                return unauthorized("bad signature");
            }
        } catch (Exception e) {
            return unauthorized("bad signature");
        }
        if (!authorizer.issuer().equals(claims.path("iss").asText(null))) {
            return unauthorized("wrong issuer");
        }
        if (!audienceAccepted(claims, authorizer.audiences())) {
            return unauthorized("wrong audience");
        }
        long now = clock.instant().getEpochSecond();
        JsonNode exp = claims.get("exp");
        if (exp == null || !exp.isNumber() || exp.asLong() <= now) {
            return unauthorized("the token has expired");
        }
        JsonNode nbf = claims.get("nbf");
        if (nbf != null && (!nbf.isNumber() || nbf.asLong() > now)) {
            return unauthorized("the token is not valid yet");
        }
        JsonNode iat = claims.get("iat");
        if (iat != null && (!iat.isNumber() || iat.asLong() > now)) {
            return unauthorized("the token was issued in the future");
        }
        List<String> tokenScopes = scopes(claims);
        if (!requiredScopes.isEmpty() && requiredScopes.stream().noneMatch(tokenScopes::contains)) {
            return new Result.Refused(403, "insufficient scope");
        }
        return new Result.Verified(stringClaims(claims), requiredScopes.isEmpty() ? null : tokenScopes);
    }

    private static Result unauthorized(String reason) {
        return new Result.Refused(401, reason);
    }

    /** {@code aud} takes precedence; {@code client_id} is checked only when there is no {@code aud}. */
    private static boolean audienceAccepted(JsonNode claims, List<String> audiences) {
        JsonNode aud = claims.get("aud");
        if (aud != null) {
            if (aud.isArray()) {
                for (JsonNode one : aud) {
                    if (audiences.contains(one.asText())) {
                        return true;
                    }
                }
                return false;
            }
            return audiences.contains(aud.asText());
        }
        JsonNode clientId = claims.get("client_id");
        return clientId != null && audiences.contains(clientId.asText());
    }

    private static List<String> scopes(JsonNode claims) {
        List<String> scopes = new ArrayList<>();
        for (String name : List.of("scope", "scp")) {
            JsonNode value = claims.get(name);
            if (value == null) {
                continue;
            }
            if (value.isArray()) {
                value.forEach(v -> scopes.add(v.asText()));
            } else {
                for (String s : value.asText().split(" ")) {
                    if (!s.isBlank()) {
                        scopes.add(s);
                    }
                }
            }
        }
        return scopes;
    }

    /**
     * Claims as API Gateway hands them to the integration: every value a string — numbers and booleans
     * in their JSON text, arrays as {@code [a b c]} (space-separated in brackets), objects as
     * {@code map[k:v]}.
     */
    static Map<String, String> stringClaims(JsonNode claims) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> claim : claims.properties()) {
            out.put(claim.getKey(), render(claim.getValue()));
        }
        return out;
    }

    private static String render(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(render(v)));
            return "[" + String.join(" ", items) + "]";
        }
        if (value.isObject()) {
            Map<String, String> sorted = new TreeMap<>();
            value.properties().forEach(e -> sorted.put(e.getKey(), render(e.getValue())));
            List<String> items = new ArrayList<>();
            sorted.forEach((k, v) -> items.add(k + ":" + v));
            return "map[" + String.join(" ", items) + "]";
        }
        return value.isNull() ? "" : value.asText();
    }

    /** The issuer's key by id; an unknown id refreshes the issuer's set once (keys rotate). */
    private PublicKey key(String issuer, String kid) throws Exception {
        Map<String, PublicKey> keys = keysByIssuer.get(issuer);
        if (keys == null || !keys.containsKey(kid)) {
            keys = load(issuer);
            keysByIssuer.put(issuer, keys);
        }
        return keys.get(kid);
    }

    private Map<String, PublicKey> load(String issuer) throws Exception {
        JsonNode set = JSON.readTree(jwks.jwks(issuer));
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        for (JsonNode jwk : set.path("keys")) {
            if (!"RSA".equals(jwk.path("kty").asText()) || !jwk.hasNonNull("kid")) {
                continue;
            }
            Base64.Decoder decoder = Base64.getUrlDecoder();
            BigInteger modulus = new BigInteger(1, decoder.decode(jwk.path("n").asText()));
            BigInteger exponent = new BigInteger(1, decoder.decode(jwk.path("e").asText()));
            keys.put(jwk.get("kid").asText(), rsa.generatePublic(new RSAPublicKeySpec(modulus, exponent)));
        }
        return keys;
    }

    /** Forgets cached keys (the stack's reset). */
    void clear() {
        keysByIssuer.clear();
    }
}
