package dev.asynccommerce.localstack.server.provision;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.localstack.apigateway.ApiGateway;
import dev.asynccommerce.localstack.apigateway.HttpApiConfig;
import dev.asynccommerce.localstack.apigateway.WebSocketApiConfig;
import dev.asynccommerce.localstack.deployer.DeploymentException;
import dev.asynccommerce.localstack.deployer.Provisioned;
import dev.asynccommerce.localstack.deployer.Provisioner;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS::ApiGatewayV2 resources of a template, gathered as they deploy (an API, its integrations,
 * routes, authorizers and stage are separate resources) and registered with the stack's gateway as
 * whole APIs once the deployment is done. An API's ApiEndpoint is its local URL.
 */
public final class ApiGatewayResources {
    /** A WebSocket integration names its function inside an API Gateway invocation ARN. */
    private static final Pattern INVOCATION_ARN =
            Pattern.compile("arn:[^:]+:apigateway:[^:]+:lambda:path/2015-03-31/functions/(.+)/invocations");

    private final ApiGateway gateway;
    private final URI endpoint;
    private final Consumer<String> notEmulated;
    private final Map<String, JsonNode> apis = new LinkedHashMap<>();
    private final Map<String, String> integrations = new HashMap<>();
    private final Map<String, HttpApiConfig.JwtAuthorizer> authorizers = new HashMap<>();
    private final List<Route> routes = new ArrayList<>();
    private final Map<String, String> stages = new HashMap<>();

    private record Route(
            String apiId, String routeKey, String integrationId, String authorizerId, List<String> scopes) {}

    private final UnaryOperator<String> localize;

    public ApiGatewayResources(
            ApiGateway gateway, URI endpoint, Consumer<String> notEmulated, UnaryOperator<String> localize) {
        this.gateway = gateway;
        this.endpoint = endpoint;
        this.notEmulated = notEmulated;
        this.localize = localize;
    }

    public Provisioner apis() {
        return (resource, p, named) -> {
            Properties.check(
                            resource,
                            p,
                            Set.of(
                                    "Name",
                                    "ProtocolType",
                                    "CorsConfiguration",
                                    "RouteSelectionExpression",
                                    "Description"),
                            Set.of("Tags", "DisableExecuteApiEndpoint"))
                    .forEach(notEmulated);
            String apiId = named.physicalId();
            apis.put(apiId, p);
            String url = "WEBSOCKET".equals(p.path("ProtocolType").asText())
                    ? ApiGateway.webSocketUrl(endpoint, apiId, "").toString()
                    : ApiGateway.httpApiUrl(endpoint, apiId).toString();
            return new Provisioned(apiId, Map.of("ApiId", apiId, "ApiEndpoint", stripSlash(url)));
        };
    }

    public Provisioner integrations() {
        return (resource, p, named) -> {
            Properties.check(
                            resource,
                            p,
                            Set.of(
                                    "ApiId",
                                    "IntegrationType",
                                    "IntegrationUri",
                                    "PayloadFormatVersion",
                                    "IntegrationMethod"),
                            Set.of("TimeoutInMillis", "Description"))
                    .forEach(notEmulated);
            if (!"AWS_PROXY".equals(p.path("IntegrationType").asText())) {
                throw DeploymentException.at(
                        resource.logicalId(), "only AWS_PROXY (Lambda) integrations are supported by the local stack");
            }
            String uri = p.path("IntegrationUri").asText();
            Matcher m = INVOCATION_ARN.matcher(uri);
            integrations.put(named.physicalId(), m.matches() ? m.group(1) : uri);
            return named;
        };
    }

    public Provisioner authorizers() {
        return (resource, p, named) -> {
            Properties.check(
                            resource,
                            p,
                            Set.of("ApiId", "AuthorizerType", "JwtConfiguration", "IdentitySource", "Name"),
                            Set.of())
                    .forEach(notEmulated);
            if (!"JWT".equals(p.path("AuthorizerType").asText())) {
                throw DeploymentException.at(
                        resource.logicalId(), "only JWT authorizers are supported by the local stack");
            }
            List<String> audiences = new ArrayList<>();
            p.path("JwtConfiguration").path("Audience").forEach(a -> audiences.add(a.asText()));
            authorizers.put(
                    named.physicalId(),
                    new HttpApiConfig.JwtAuthorizer(
                            p.path("Name").asText(),
                            p.path("IdentitySource").path(0).asText(null),
                            localize.apply(
                                    p.path("JwtConfiguration").path("Issuer").asText()),
                            audiences));
            return named;
        };
    }

    public Provisioner routes() {
        return (resource, p, named) -> {
            Properties.check(
                            resource,
                            p,
                            Set.of(
                                    "ApiId",
                                    "RouteKey",
                                    "Target",
                                    "AuthorizationType",
                                    "AuthorizerId",
                                    "AuthorizationScopes"),
                            Set.of("OperationName"))
                    .forEach(notEmulated);
            String target = p.path("Target").asText("");
            List<String> scopes = new ArrayList<>();
            p.path("AuthorizationScopes").forEach(s -> scopes.add(s.asText()));
            routes.add(new Route(
                    p.path("ApiId").asText(),
                    p.path("RouteKey").asText(),
                    target.startsWith("integrations/") ? target.substring("integrations/".length()) : null,
                    p.path("AuthorizerId").asText(null),
                    scopes));
            return named;
        };
    }

    public Provisioner stages() {
        return (resource, p, named) -> {
            Properties.check(
                            resource,
                            p,
                            Set.of("ApiId", "StageName", "AutoDeploy"),
                            Set.of("DefaultRouteSettings", "AccessLogSettings", "Description", "Tags", "RouteSettings"))
                    .forEach(notEmulated);
            stages.put(p.path("ApiId").asText(), p.path("StageName").asText());
            return named;
        };
    }

    /** Registers every gathered API with the gateway; call once the deployment has finished. */
    public void register() {
        for (Map.Entry<String, JsonNode> api : apis.entrySet()) {
            String apiId = api.getKey();
            JsonNode p = api.getValue();
            if ("WEBSOCKET".equals(p.path("ProtocolType").asText())) {
                Map<String, WebSocketApiConfig.Route> socketRoutes = new LinkedHashMap<>();
                routesOf(apiId).forEach(r -> socketRoutes.put(r.routeKey(), new WebSocketApiConfig.Route(function(r))));
                gateway.addWebSocketApi(new WebSocketApiConfig(
                        apiId,
                        stages.getOrDefault(apiId, "$default"),
                        p.path("RouteSelectionExpression").asText("$request.body.action"),
                        socketRoutes));
            } else {
                List<HttpApiConfig.Route> httpRoutes = new ArrayList<>();
                routesOf(apiId)
                        .forEach(r -> httpRoutes.add(new HttpApiConfig.Route(
                                r.routeKey(),
                                function(r),
                                r.authorizerId() == null ? null : authorizers.get(r.authorizerId()),
                                r.scopes())));
                gateway.addHttpApi(
                        new HttpApiConfig(apiId, stages.get(apiId), cors(p.path("CorsConfiguration")), httpRoutes));
            }
        }
    }

    private static final Pattern EXECUTE_API =
            Pattern.compile("https://([a-z0-9]+)\\.execute-api\\.[a-z0-9-]+\\.amazonaws\\.com(/[A-Za-z0-9_$-]+)?");

    /**
     * Maps the AWS URL of a deployed API in a function's environment to the stack's own: a WebSocket
     * stage's callback URL ({@code https://<id>.execute-api.<region>.amazonaws.com/<stage>}, the
     * management API's endpoint) to the local {@code @connections} endpoint, an HTTP API's URL to its
     * local one. Other values pass unchanged.
     */
    public String localizeEnvironmentValue(String value) {
        Matcher m = EXECUTE_API.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String apiId = m.group(1);
            JsonNode api = apis.get(apiId);
            String local;
            if (api == null) {
                local = m.group();
            } else if ("WEBSOCKET".equals(api.path("ProtocolType").asText()) && m.group(2) != null) {
                local = stripSlash(ApiGateway.connectionsEndpoint(
                                endpoint, apiId, m.group(2).substring(1))
                        .toString());
            } else {
                local = stripSlash(ApiGateway.httpApiUrl(endpoint, apiId).toString())
                        + (m.group(2) == null ? "" : m.group(2));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(local));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The local URL of each WebSocket API stage, by the URL AWS would give it (for rewriting outputs). */
    public Map<String, String> localUrls(String region, String urlSuffix) {
        Map<String, String> urls = new LinkedHashMap<>();
        apis.forEach((apiId, p) -> {
            String aws = apiId + ".execute-api." + region + "." + urlSuffix;
            if ("WEBSOCKET".equals(p.path("ProtocolType").asText())) {
                String stage = stages.getOrDefault(apiId, "$default");
                urls.put(
                        "wss://" + aws + "/" + stage,
                        ApiGateway.webSocketUrl(endpoint, apiId, stage).toString());
            } else {
                urls.put(
                        "https://" + aws,
                        stripSlash(ApiGateway.httpApiUrl(endpoint, apiId).toString()));
            }
        });
        return urls;
    }

    private List<Route> routesOf(String apiId) {
        return routes.stream().filter(r -> r.apiId().equals(apiId)).toList();
    }

    private String function(Route route) {
        String function = integrations.get(route.integrationId());
        if (function == null) {
            throw new DeploymentException(
                    route.routeKey() + ": its integration " + route.integrationId() + " was not deployed");
        }
        return function;
    }

    private static HttpApiConfig.Cors cors(JsonNode c) {
        if (c.isMissingNode() || c.isNull()) {
            return null;
        }
        return new HttpApiConfig.Cors(
                list(c.path("AllowOrigins")),
                list(c.path("AllowMethods")),
                list(c.path("AllowHeaders")),
                list(c.path("ExposeHeaders")),
                c.has("MaxAge") ? c.get("MaxAge").asInt() : null,
                c.path("AllowCredentials").asBoolean(false));
    }

    private static List<String> list(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
