package dev.asynccommerce.localstack.apigateway;

import java.util.Map;
import java.util.Objects;

/**
 * One WebSocket API (API Gateway v2, protocol WEBSOCKET, Lambda proxy integrations), as the deployer
 * reads it from {@code AWS::ApiGatewayV2::Api}, {@code ::Route}, {@code ::Integration} and
 * {@code ::Stage}. Clients connect to {@code /_aws/ws/<apiId>/<stage>}; the management API answers
 * under {@code /_aws/ws/<apiId>/<stage>/@connections/<connectionId>}.
 *
 * @param routeSelectionExpression e.g. {@code $request.body.action}
 * @param routes by route key: {@code $connect}, {@code $disconnect}, {@code $default} and custom keys
 */
public record WebSocketApiConfig(
        String apiId, String stage, String routeSelectionExpression, Map<String, Route> routes) {
    public WebSocketApiConfig {
        Objects.requireNonNull(apiId, "apiId");
        Objects.requireNonNull(stage, "stage");
        routeSelectionExpression = routeSelectionExpression == null ? "$request.body.action" : routeSelectionExpression;
        routes = Map.copyOf(routes);
    }

    /**
     * One route.
     *
     * @param functionArn the integration's function
     * @param returnResponse true for a two-way route (it has a route response, {@code
     *     RouteResponseSelectionExpression: $default}): the function's answer is sent back to the client
     */
    public record Route(String functionArn, boolean returnResponse) {
        public Route {
            Objects.requireNonNull(functionArn, "functionArn");
        }

        public Route(String functionArn) {
            this(functionArn, false);
        }
    }
}
