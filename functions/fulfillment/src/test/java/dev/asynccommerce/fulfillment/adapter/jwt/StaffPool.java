package dev.asynccommerce.fulfillment.adapter.jwt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.asynccommerce.platform.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in for the Cognito staff user pool: RSA signing keys made in the test, their JWKS served
 * from {@code <issuer>/.well-known/jwks.json} on 127.0.0.1 (a free port), and ID tokens signed the
 * way Cognito signs them. It counts the JWKS requests it answers.
 */
public final class StaffPool implements AutoCloseable {
    public static final String AUDIENCE = "device-app-client-1";
    static final String POOL_ID = "eu-west-1_St4ffP00l";

    private final HttpServer server;
    private final String issuer;
    private final AtomicReference<byte[]> jwks = new AtomicReference<>();
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private volatile int jwksStatus = 200;

    private StaffPool(HttpServer server) {
        this.server = server;
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/" + POOL_ID;
    }

    public static StaffPool start(Key... published) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            StaffPool pool = new StaffPool(server);
            pool.publish(published);
            server.createContext("/" + POOL_ID + "/.well-known/jwks.json", exchange -> {
                pool.jwksRequests.incrementAndGet();
                byte[] body = pool.jwks.get();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(pool.jwksStatus, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return pool;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new 2048-bit RSA key pair, as Cognito uses; {@code kid} names it in headers and the JWKS. */
    public static Key newKey(String kid) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new Key(kid, generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Serves exactly these keys from now on, as a user pool does after rotating its keys. */
    public void publish(Key... keys) {
        ArrayNode entries = Json.mapper().createArrayNode();
        for (Key key : keys) {
            RSAPublicKey pub = (RSAPublicKey) key.pair().getPublic();
            entries.addObject()
                    .put("alg", "RS256")
                    .put("e", base64url(unsigned(pub.getPublicExponent())))
                    .put("kid", key.kid())
                    .put("kty", "RSA")
                    .put("n", base64url(unsigned(pub.getModulus())))
                    .put("use", "sig");
        }
        ObjectNode document = Json.mapper().createObjectNode();
        document.set("keys", entries);
        jwks.set(document.toString().getBytes(StandardCharsets.UTF_8));
    }

    public void answerJwksWith(int status) {
        this.jwksStatus = status;
    }

    public String issuer() {
        return issuer;
    }

    public int jwksRequests() {
        return jwksRequests.get();
    }

    public CognitoTokenVerifier verifier(Clock clock) {
        return new CognitoTokenVerifier(issuer, AUDIENCE, HttpClient.newHttpClient(), clock);
    }

    /** An ID token for a member of {@code storeId}'s staff, issued now, valid for an hour. */
    public Token idToken(String storeId, Clock clock) {
        long now = clock.instant().getEpochSecond();
        ObjectNode claims = Json.mapper().createObjectNode();
        claims.put("sub", "7f3c1a52-9d4e-4b8a-a1c6-2e5f8d9b0c13");
        claims.put("email_verified", true);
        claims.put("iss", issuer);
        claims.put("cognito:username", "7f3c1a52-9d4e-4b8a-a1c6-2e5f8d9b0c13");
        claims.put("custom:storeId", storeId);
        claims.put("origin_jti", "0c6a2b1e-5d4f-4e3a-9b8c-7d6e5f4a3b2c");
        claims.put("aud", AUDIENCE);
        claims.put("event_id", "3b2a1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d");
        claims.put("token_use", "id");
        claims.put("auth_time", now);
        claims.put("exp", now + 3600);
        claims.put("iat", now);
        claims.put("jti", "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
        claims.put("email", "staff@example.com");
        return new Token(claims);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** A signing key of the pool (or of nobody, when it is never published). */
    public record Key(String kid, KeyPair pair) {}

    /** An ID token's header and claims, to change before signing. */
    public static final class Token {
        private final ObjectNode header = Json.mapper().createObjectNode();
        private final ObjectNode claims;

        Token(ObjectNode claims) {
            this.claims = claims;
        }

        public Token claim(String name, String value) {
            claims.put(name, value);
            return this;
        }

        public Token claim(String name, long value) {
            claims.put(name, value);
            return this;
        }

        public Token without(String name) {
            claims.remove(name);
            return this;
        }

        public Token header(String name, String value) {
            header.put(name, value);
            return this;
        }

        /** Signed RS256 with the key, its kid in the header, as Cognito does. */
        public String signedWith(Key key) {
            ObjectNode signedHeader = Json.mapper().createObjectNode();
            signedHeader.put("kid", key.kid()).put("alg", "RS256");
            signedHeader.setAll(header);
            String input = encodedHeader(signedHeader) + "." + encodedClaims();
            return input + "." + base64url(rsaSignature(key, input));
        }

        public String encodedClaims() {
            return base64url(claims.toString().getBytes(StandardCharsets.UTF_8));
        }

        static String encodedHeader(ObjectNode header) {
            return base64url(header.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    static byte[] rsaSignature(Key key, String input) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key.pair().getPrivate());
            rsa.update(input.getBytes(StandardCharsets.US_ASCII));
            return rsa.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A JWK's n and e are unsigned big-endian (RFC 7518 §6.3.1): no leading sign byte. */
    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    static List<String> segments(String token) {
        return List.of(token.split("\\.", -1));
    }
}
