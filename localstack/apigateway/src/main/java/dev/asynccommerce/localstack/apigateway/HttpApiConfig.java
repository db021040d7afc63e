package dev.asynccommerce.localstack.apigateway;

import java.util.List;
import java.util.Objects;

/**
 * One HTTP API (API Gateway v2, protocol HTTP, Lambda proxy integrations with payload format 2.0), as
 * the deployer reads it from {@code AWS::ApiGatewayV2::Api}, {@code ::Route}, {@code ::Integration},
 * {@code ::Authorizer} and {@code ::Stage}.
 *
 * @param apiId the API's id; the API is served under {@code /_aws/execute-api/<apiId>/}
 * @param stage the stage name; {@code $default} serves at the root, any other name under {@code /<stage>/}
 * @param cors the API's {@code CorsConfiguration}, or null when the API has none (then OPTIONS routes like any method)
 * @param routes the routes, in any order: selection does not depend on it
 */
public record HttpApiConfig(String apiId, String stage, Cors cors, List<Route> routes) {
    public static final String DEFAULT_STAGE = "$default";

    public HttpApiConfig {
        Objects.requireNonNull(apiId, "apiId");
        stage = stage == null || stage.isBlank() ? DEFAULT_STAGE : stage;
        routes = List.copyOf(routes);
        for (Route route : routes) {
            RouteKey.parse(route.routeKey()); // refuse a malformed key at configuration time
        }
    }

    /**
     * {@code CorsConfiguration} of an HTTP API. Lists may contain {@code "*"}.
     *
     * @param maxAgeSeconds null when not configured
     */
    public record Cors(
            List<String> allowOrigins,
            List<String> allowMethods,
            List<String> allowHeaders,
            List<String> exposeHeaders,
            Integer maxAgeSeconds,
            boolean allowCredentials) {
        public Cors {
            allowOrigins = allowOrigins == null ? List.of() : List.copyOf(allowOrigins);
            allowMethods = allowMethods == null ? List.of() : List.copyOf(allowMethods);
            allowHeaders = allowHeaders == null ? List.of() : List.copyOf(allowHeaders);
            exposeHeaders = exposeHeaders == null ? List.of() : List.copyOf(exposeHeaders);
        }
    }

    /**
     * One route and its Lambda proxy integration.
     *
     * @param routeKey {@code "METHOD /path/{param}/{proxy+}"}, {@code "ANY /path"} or {@code "$default"}
     * @param functionArn the integration's function
     * @param authorizer the route's JWT authorizer, or null for {@code AuthorizationType: NONE}
     * @param authorizationScopes the route's {@code AuthorizationScopes}; empty when none
     */
    public record Route(
            String routeKey, String functionArn, JwtAuthorizer authorizer, List<String> authorizationScopes) {
        public Route {
            Objects.requireNonNull(routeKey, "routeKey");
            Objects.requireNonNull(functionArn, "functionArn");
            authorizationScopes = authorizationScopes == null ? List.of() : List.copyOf(authorizationScopes);
        }

        public Route(String routeKey, String functionArn) {
            this(routeKey, functionArn, null, List.of());
        }

        public Route(String routeKey, String functionArn, JwtAuthorizer authorizer) {
            this(routeKey, functionArn, authorizer, List.of());
        }
    }

    /**
     * A JWT authorizer ({@code AuthorizerType: JWT}).
     *
     * @param identitySource e.g. {@code $request.header.Authorization} (the default when null);
     *     {@code $request.querystring.name} is also understood
     * @param issuer {@code JwtConfiguration.Issuer}, compared exactly with the token's {@code iss}
     * @param audiences {@code JwtConfiguration.Audience}: the token's {@code aud}, or its {@code client_id}
     *     when it has no {@code aud}, must be one of them
     */
    public record JwtAuthorizer(String name, String identitySource, String issuer, List<String> audiences) {
        public JwtAuthorizer {
            identitySource = identitySource == null || identitySource.isBlank()
                    ? "$request.header.Authorization"
                    : identitySource;
            Objects.requireNonNull(issuer, "issuer");
            audiences = audiences == null ? List.of() : List.copyOf(audiences);
        }
    }
}
