package dev.asynccommerce.localstack.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stack's stand-in for Cognito's token signing: one RSA key, its JWKS served by the stack, and ID
 * tokens minted in the shape Cognito gives store staff ({@code token_use=id}, {@code aud} = the app
 * client, {@code custom:storeId}). A Cognito issuer in the template
 * ({@code https://cognito-idp.<region>.amazonaws.com/<poolId>}) maps to the stack's own
 * {@code <endpoint>/_aws/cognito-idp/<poolId>}, which serves {@code /.well-known/jwks.json} there, so
 * functions and JWT authorizers verify tokens exactly as on AWS, without the internet.
 */
public final class LocalIdentity {
    static final String PATH_PREFIX = "/_aws/cognito-idp/";
    private static final Pattern COGNITO_ISSUER =
            Pattern.compile("https://cognito-idp\\.[a-z0-9-]+\\.amazonaws\\.com/([A-Za-z0-9_-]+)");
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeyPair keys;
    private final String kid;
    private final String endpoint;

    LocalIdentity(String endpoint) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException("the JDK has RSA", e);
        }
        this.kid = UUID.randomUUID().toString();
        this.endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    }

    /** The local issuer URL of a user pool. */
    String issuer(String userPoolId) {
        return endpoint + PATH_PREFIX + userPoolId;
    }

    /** {@code value} with any Cognito issuer URL in it replaced by the stack's own issuer. */
    String localize(String value) {
        Matcher m = COGNITO_ISSUER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(issuer(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The JSON Web Key Set with the stack's one public key. */
    String jwks() {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("alg", "RS256");
        jwk.put("use", "sig");
        jwk.put("kid", kid);
        jwk.put("n", B64URL.encodeToString(unsigned(key.getModulus().toByteArray())));
        jwk.put("e", B64URL.encodeToString(unsigned(key.getPublicExponent().toByteArray())));
        return write(Map.of("keys", List.of(jwk)));
    }

    /** A store-staff ID token as Cognito would issue it for a user of {@code storeId}. */
    String staffToken(String userPoolId, String clientId, String storeId, Instant now, Duration validity) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("kid", kid);
        header.put("alg", "RS256");
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put(
                "sub",
                UUID.nameUUIDFromBytes(("staff-" + storeId).getBytes(StandardCharsets.UTF_8))
                        .toString());
        claims.put("cognito:groups", List.of("store-staff"));
        claims.put("iss", issuer(userPoolId));
        claims.put("cognito:username", "staff-" + storeId);
        claims.put("custom:storeId", storeId);
        claims.put("aud", clientId);
        claims.put("token_use", "id");
        claims.put("auth_time", now.getEpochSecond());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(validity).getEpochSecond());
        String signingInput = B64URL.encodeToString(write(header).getBytes(StandardCharsets.UTF_8)) + "."
                + B64URL.encodeToString(write(claims).getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.getPrivate());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    /** The pool id of a local issuer path ({@code /_aws/cognito-idp/<poolId>/.well-known/jwks.json}), or null. */
    static String poolOfJwksPath(String path) {
        if (!path.startsWith(PATH_PREFIX) || !path.endsWith("/.well-known/jwks.json")) {
            return null;
        }
        return path.substring(PATH_PREFIX.length(), path.length() - "/.well-known/jwks.json".length());
    }

    private static byte[] unsigned(byte[] bigEndian) {
        return bigEndian.length > 1 && bigEndian[0] == 0
                ? java.util.Arrays.copyOfRange(bigEndian, 1, bigEndian.length)
                : bigEndian;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
