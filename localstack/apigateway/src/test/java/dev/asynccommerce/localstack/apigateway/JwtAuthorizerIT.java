package dev.asynccommerce.localstack.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A route with a JWT authorizer, as store routes use the staff pool's authorizer. */
class JwtAuthorizerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Local";
    private static final String CLIENT = "store-devices-client";
    private static final String TASKS = "arn:aws:lambda:us-east-1:000000000000:function:pick-tasks";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static GatewayServer server;
    private static KeyPair issuerKey;
    private static KeyPair strangerKey;

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        issuerKey = generator.generateKeyPair();
        strangerKey = generator.generateKeyPair();
        RSAPublicKey publicKey = (RSAPublicKey) issuerKey.getPublic();
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"alg\":\"RS256\",\"use\":\"sig\",\"kid\":\"key-1\",\"n\":\""
                + unsigned(publicKey.getModulus()) + "\",\"e\":\"" + unsigned(publicKey.getPublicExponent()) + "\"}]}";
        server = new GatewayServer(issuer -> {
            if (!issuer.equals(ISSUER)) {
                throw new IllegalStateException("unknown issuer " + issuer);
            }
            return jwks;
        });
        server.functions.define(TASKS, event -> "{\"statusCode\":200,\"body\":\"{\\\"tasks\\\":[]}\"}");
        HttpApiConfig.JwtAuthorizer staff =
                new HttpApiConfig.JwtAuthorizer("StoreStaff", "$request.header.Authorization", ISSUER, List.of(CLIENT));
        server.gateway.addHttpApi(new HttpApiConfig(
                "storefront",
                "$default",
                null,
                List.of(
                        new HttpApiConfig.Route("GET /stores/{storeId}/pick-tasks", TASKS, staff),
                        new HttpApiConfig.Route("GET /admin", TASKS, staff, List.of("admin/write")))));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void passesAValidTokenAndHandsItsClaimsToTheFunctionAsStrings() throws Exception {
        HttpResponse<String> response = call("/stores/store-001/pick-tasks", "Bearer " + token(claims -> {}));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"tasks\":[]}");

        JsonNode jwt = server.functions.nextEvent(TASKS, Duration.ofSeconds(5)).at("/requestContext/authorizer/jwt");
        JsonNode claims = jwt.get("claims");
        assertThat(claims.get("iss").asText()).isEqualTo(ISSUER);
        assertThat(claims.get("aud").asText()).isEqualTo(CLIENT);
        assertThat(claims.get("custom:storeId").asText()).isEqualTo("store-001");
        assertThat(claims.get("exp").isTextual())
                .as("numbers arrive as strings")
                .isTrue();
        assertThat(claims.get("exp").asText()).isEqualTo(String.valueOf(now().getEpochSecond() + 3600));
        assertThat(claims.get("email_verified").asText()).isEqualTo("true");
        assertThat(claims.get("cognito:groups").asText()).isEqualTo("[store-staff supervisors]");
        assertThat(jwt.get("scopes").isNull())
                .as("no scopes on a route that names none")
                .isTrue();
    }

    @Test
    void acceptsAnAccessTokenWhoseClientIdIsTheAudience() throws Exception {
        String accessToken = token(claims -> {
            claims.remove("aud");
            claims.put("client_id", CLIENT);
            claims.put("token_use", "access");
            claims.put("scope", "admin/write openid");
        });
        assertThat(call("/stores/store-001/pick-tasks", "Bearer " + accessToken).statusCode())
                .isEqualTo(200);
        server.functions.nextEvent(TASKS, Duration.ofSeconds(5));
        assertThat(call("/admin", accessToken).statusCode())
                .as("without the Bearer prefix too")
                .isEqualTo(200);
        JsonNode jwt = server.functions.nextEvent(TASKS, Duration.ofSeconds(5)).at("/requestContext/authorizer/jwt");
        assertThat(jwt.get("scopes")).hasSize(2);
        assertThat(jwt.get("scopes").get(0).asText()).isEqualTo("admin/write");
    }

    @Test
    void refusesARouteScopeTheTokenLacksWith403() throws Exception {
        HttpResponse<String> response = call("/admin", "Bearer " + token(claims -> claims.put("scope", "openid")));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("{\"message\":\"Forbidden\"}");
    }

    @Test
    void refusesMissingAndInvalidTokensWith401() throws Exception {
        Map<String, String> refused = Map.of(
                "missing", "",
                "expired", "Bearer " + token(claims -> claims.put("exp", now().getEpochSecond() - 1)),
                "not yet valid", "Bearer " + token(claims -> claims.put("nbf", now().getEpochSecond() + 60)),
                "wrong issuer", "Bearer " + token(claims -> claims.put("iss", ISSUER + "x")),
                "wrong audience", "Bearer " + token(claims -> claims.put("aud", "another-client")),
                "bad signature", "Bearer " + token(claims -> {}, strangerKey.getPrivate(), "key-1", "RS256"),
                "unknown key", "Bearer " + token(claims -> {}, issuerKey.getPrivate(), "key-2", "RS256"),
                "tampered", "Bearer " + tampered(token(claims -> {})),
                "not a jwt", "Bearer not-a-token");
        for (Map.Entry<String, String> attempt : refused.entrySet()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(url("/stores/store-001/pick-tasks"));
            if (!attempt.getValue().isEmpty()) {
                request.header("Authorization", attempt.getValue());
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(attempt.getKey()).isEqualTo(401);
            assertThat(response.body()).as(attempt.getKey()).isEqualTo("{\"message\":\"Unauthorized\"}");
        }
        assertThat(server.functions.pending(TASKS))
                .as("no refused request reaches the function")
                .isZero();
    }

    @Test
    void followsTheStacksClockForExpiry() throws Exception {
        String token = token(claims -> {});
        assertThat(call("/stores/store-001/pick-tasks", "Bearer " + token).statusCode())
                .isEqualTo(200);
        server.functions.nextEvent(TASKS, Duration.ofSeconds(5));
        server.now.set(GatewayServer.START.plusSeconds(3600));
        try {
            assertThat(call("/stores/store-001/pick-tasks", "Bearer " + token).statusCode())
                    .isEqualTo(401);
        } finally {
            server.now.set(GatewayServer.START);
        }
    }

    private static Instant now() {
        return GatewayServer.START;
    }

    private static HttpResponse<String> call(String path, String authorization) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(url(path))
                        .header("Authorization", authorization)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI url(String path) {
        return URI.create(ApiGateway.httpApiUrl(server.endpoint(), "storefront") + path);
    }

    private static String token(Consumer<ObjectNode> adjust) throws Exception {
        return token(adjust, issuerKey.getPrivate(), "key-1", "RS256");
    }

    /** A Cognito-shaped ID token of store-001's staff, signed RS256. */
    private static String token(Consumer<ObjectNode> adjust, PrivateKey key, String kid, String alg) throws Exception {
        ObjectNode claims = JSON.createObjectNode();
        claims.put("sub", "5f1c-staff");
        claims.put("iss", ISSUER);
        claims.put("aud", CLIENT);
        claims.put("token_use", "id");
        claims.put("custom:storeId", "store-001");
        claims.put("email_verified", true);
        claims.putArray("cognito:groups").add("store-staff").add("supervisors");
        claims.put("iat", now().getEpochSecond());
        claims.put("exp", now().getEpochSecond() + 3600);
        adjust.accept(claims);
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String header = url.encodeToString(
                ("{\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8));
        String payload = url.encodeToString(JSON.writeValueAsBytes(claims));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + url.encodeToString(signature.sign());
    }

    /** The same signature over a payload that now claims another store. */
    private static String tampered(String token) throws Exception {
        String[] parts = token.split("\\.");
        ObjectNode claims = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        claims.put("custom:storeId", "store-002");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(claims))
                + "." + parts[2];
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
