package dev.asynccommerce.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpUserPoolAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.apigatewayv2.CorsHttpMethod;
import software.amazon.awscdk.services.apigatewayv2.CorsPreflightOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The public HTTP API of ../shared/API.md (payload format 2.0): CORS for the web apps, stage-wide
 * throttling, JSON access logs. Storefront routes are public — order routes authorize inside the
 * function with the order's token — and store routes use the staff JWT authorizer.
 */
public final class StorefrontApi extends Construct {
    /** Steady requests per second across the API, and the burst above it. */
    public static final int RATE_LIMIT = 500;

    public static final int BURST_LIMIT = 1000;

    private final HttpApi api;
    private final HttpStage stage;

    public StorefrontApi(Construct scope, String id, StorefrontFunctions functions, List<String> allowedOrigins) {
        super(scope, id);
        this.api = HttpApi.Builder.create(this, "Api")
                .description("async-commerce storefront and store-device API")
                .createDefaultStage(false)
                .corsPreflight(CorsPreflightOptions.builder()
                        .allowOrigins(allowedOrigins)
                        .allowMethods(List.of(CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.OPTIONS))
                        .allowHeaders(List.of("Content-Type", "Authorization", "Idempotency-Key", "X-Correlation-Id"))
                        .exposeHeaders(List.of("Location", "Retry-After"))
                        .maxAge(Duration.hours(1))
                        .build())
                .build();
        LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(RetentionDays.THREE_MONTHS)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        this.stage = HttpStage.Builder.create(this, "DefaultStage")
                .httpApi(api)
                .stageName("$default")
                .autoDeploy(true)
                .throttle(ThrottleSettings.builder()
                        .rateLimit(RATE_LIMIT)
                        .burstLimit(BURST_LIMIT)
                        .build())
                .build();
        // Access logs through the L1 resource: the format string is the whole of the setting.
        CfnStage cfnStage = (CfnStage) stage.getNode().getDefaultChild();
        cfnStage.setAccessLogSettings(CfnStage.AccessLogSettingsProperty.builder()
                .destinationArn(accessLogs.getLogGroupArn())
                .format(ACCESS_LOG_FORMAT)
                .build());

        route("/catalog/items", HttpMethod.GET, functions.listCatalogItems(), "ListCatalogItems");
        route("/stores", HttpMethod.GET, functions.listStores(), "ListStores");
        route("/stores/{storeId}/availability", HttpMethod.GET, functions.getAvailability(), "GetAvailability");
        route("/orders", HttpMethod.POST, functions.placeOrder(), "PlaceOrder");
        route("/orders/{orderId}", HttpMethod.GET, functions.getOrder(), "GetOrder");
        route("/orders/{orderId}/cancel", HttpMethod.POST, functions.cancelOrder(), "CancelOrder");
        route(
                "/orders/{orderId}/payment-methods",
                HttpMethod.POST,
                functions.replacePaymentMethods(),
                "ReplacePaymentMethods");
    }

    /**
     * A storefront route: public by design. Catalog, stores and availability are public data;
     * checkout is anonymous (guest checkout) and answers with the order's token; the order routes
     * authorize inside the function with that token, so a wrong token looks exactly like a missing
     * order, which an authorizer's 401/403 would not.
     */
    private void route(String path, HttpMethod method, ServiceFunction function, String id) {
        for (HttpRoute route : api.addRoutes(AddRoutesOptions.builder()
                .path(path)
                .methods(List.of(method))
                .integration(new HttpLambdaIntegration(id + "Integration", function.live()))
                .build())) {
            NagSuppressions.addResourceSuppressions(
                    route,
                    List.of(NagPackSuppression.builder()
                            .id("AwsSolutions-APIG4")
                            .reason("Storefront route: public by design; order routes check the order token in the"
                                    + " function so that a wrong token and a missing order answer alike")
                            .build()),
                    true);
        }
    }

    /**
     * A store-device route: the staff JWT authorizer admits only the pool's tokens, and the function
     * compares the token's store with the path's (another store's token is a 403).
     */
    public void storeRoute(
            String path, HttpMethod method, ServiceFunction function, String id, HttpUserPoolAuthorizer authorizer) {
        api.addRoutes(AddRoutesOptions.builder()
                .path(path)
                .methods(List.of(method))
                .integration(new HttpLambdaIntegration(id + "Integration", function.live()))
                .authorizer(authorizer)
                .build());
    }

    public HttpApi api() {
        return api;
    }

    public HttpStage stage() {
        return stage;
    }

    /** The API's base URL, without a trailing slash. */
    public String url() {
        return api.getApiEndpoint();
    }

    /** JSON access log lines: enough to follow one request; no bodies, headers or query strings. */
    static final String ACCESS_LOG_FORMAT = "{\"requestId\":\"$context.requestId\",\"routeKey\":\"$context.routeKey\","
            + "\"status\":\"$context.status\",\"requestTime\":\"$context.requestTime\","
            + "\"latencyMs\":\"$context.responseLatency\",\"integrationLatencyMs\":\"$context.integrationLatency\","
            + "\"integrationError\":\"$context.integrationErrorMessage\",\"ip\":\"$context.identity.sourceIp\"}";
}
