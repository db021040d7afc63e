package dev.asynccommerce.localstack.apigateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Where a JWT authorizer finds an issuer's signing keys: the JSON Web Key Set that API Gateway would
 * fetch from {@code <issuer>/.well-known/jwks.json} (Cognito's location). The local stack plugs in its
 * own keys for the issuer the template names, so tokens it signs verify without a network.
 *
 * <p>Failure behaviour: an implementation throws when it cannot produce the set; the authorizer then
 * refuses the request with 401, as API Gateway does when the issuer's keys cannot be read.
 */
@FunctionalInterface
public interface JwksSource {
    /**
     * The issuer's key set.
     *
     * @param issuer the authorizer's issuer, exactly as configured
     * @return the JWKS document, JSON: {@code {"keys":[{"kty":"RSA","kid":...,"n":...,"e":...}]}}
     */
    String jwks(String issuer) throws Exception;

    /** Fetches {@code <issuer>/.well-known/jwks.json} over HTTP(S), as API Gateway does. */
    static JwksSource overHttp() {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        return issuer -> {
            String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/.well-known/jwks.json"))
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("JWKS of " + issuer + " answered " + response.statusCode());
            }
            return response.body();
        };
    }
}
