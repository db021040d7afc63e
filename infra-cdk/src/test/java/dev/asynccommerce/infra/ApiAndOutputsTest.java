package dev.asynccommerce.infra;

import static dev.asynccommerce.infra.Resources.list;
import static dev.asynccommerce.infra.Resources.map;
import static dev.asynccommerce.infra.Resources.ofType;
import static dev.asynccommerce.infra.Resources.props;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HTTP API of API.md, store-staff sign-in, web hosting and the outputs the local stack mirrors. */
class ApiAndOutputsTest {

    @Test
    void everyStorefrontRouteOfTheContractIsThere() {
        assertThat(ofType("AWS::ApiGatewayV2::Route").values().stream().map(r -> props(r).get("RouteKey")))
                .contains(
                        "GET /catalog/items",
                        "GET /stores",
                        "GET /stores/{storeId}/availability",
                        "POST /orders",
                        "GET /orders/{orderId}",
                        "POST /orders/{orderId}/cancel",
                        "POST /orders/{orderId}/payment-methods");
        ofType("AWS::ApiGatewayV2::Integration").values().stream()
                .map(Resources::props)
                .filter(i -> String.valueOf(i.get("ApiId")).contains("HttpApi"))
                .forEach(i -> assertThat(i)
                        .containsEntry("PayloadFormatVersion", "2.0")
                        .containsEntry("IntegrationType", "AWS_PROXY"));
    }

    /** Store-device routes (the three of API.md, and stock administration) and the function each reaches. */
    private static final Map<String, String> STORE_ROUTES = Map.of(
            "GET /stores/{storeId}/pick-tasks", "BopisListPickTasks",
            "POST /stores/{storeId}/orders/{orderId}/picked", "BopisMarkPicked",
            "POST /stores/{storeId}/orders/{orderId}/collected", "BopisConfirmCollection",
            "POST /stores/{storeId}/stock", "BopisAdjustStock");

    private static Map<String, Object> route(String routeKey) {
        return ofType("AWS::ApiGatewayV2::Route").values().stream()
                .map(Resources::props)
                .filter(r -> routeKey.equals(r.get("RouteKey")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no route " + routeKey));
    }

    @Test
    void everyStoreRouteRequiresAStaffTokenAndReachesItsOwnFunctionsLiveAlias() {
        String authorizer = Resources.logicalId("AWS::ApiGatewayV2::Authorizer", "HttpApiStoreStaff");
        Map<String, Map<String, Object>> integrations = ofType("AWS::ApiGatewayV2::Integration");

        STORE_ROUTES.forEach((routeKey, function) -> {
            Map<String, Object> route = route(routeKey);
            assertThat(route).as(routeKey).containsEntry("AuthorizationType", "JWT");
            assertThat(Resources.refersTo(route.get("AuthorizerId"), authorizer))
                    .as(routeKey)
                    .isTrue();
            String integration = integrations.keySet().stream()
                    .filter(id -> Resources.refersTo(route.get("Target"), id))
                    .findFirst()
                    .orElseThrow();
            assertThat(String.valueOf(props(integrations.get(integration)).get("IntegrationUri")))
                    .as(routeKey)
                    .contains(Resources.logicalId("AWS::Lambda::Alias", function + "Live"));
        });
    }

    @Test
    void storefrontRoutesStayOutsideTheStaffAuthorizer() {
        for (String routeKey : List.of("GET /catalog/items", "GET /stores", "POST /orders", "GET /orders/{orderId}")) {
            assertThat(route(routeKey)).as(routeKey).containsEntry("AuthorizationType", "NONE");
        }
    }

    @Test
    void theStaffAuthorizerTakesTheBearerTokenAndAdmitsOnlyThePoolsTokensForTheDeviceClient() {
        Map<String, Object> authorizer = props(ofType("AWS::ApiGatewayV2::Authorizer")
                .get(Resources.logicalId("AWS::ApiGatewayV2::Authorizer", "HttpApiStoreStaff")));
        Map<String, Object> jwt = map(authorizer.get("JwtConfiguration"));
        String pool = Resources.logicalId("AWS::Cognito::UserPool", "StoreStaffStaffPool");
        String deviceClient = Resources.logicalId("AWS::Cognito::UserPoolClient", "StoreStaffStaffPoolStoreDevices");

        assertThat(authorizer)
                .containsEntry("AuthorizerType", "JWT")
                .containsEntry("IdentitySource", List.of("$request.header.Authorization"));
        assertThat(Resources.refersTo(authorizer.get("ApiId"), "HttpApi")).isTrue();
        // Cognito's iss: https://cognito-idp.<region>.amazonaws.com/<user pool id>, compared exactly.
        assertThat(String.valueOf(jwt.get("Issuer")))
                .contains("https://cognito-idp.eu-west-1.amazonaws.com/")
                .contains(pool);
        assertThat(list(jwt.get("Audience")))
                .singleElement()
                .satisfies(audience ->
                        assertThat(Resources.refersTo(audience, deviceClient)).isTrue());
    }

    @Test
    void theApiAllowsTheWebAppsByCorsIncludingTheHeadersTheContractUses() {
        Map<String, Object> api =
                props(ofType("AWS::ApiGatewayV2::Api").values().iterator().next());
        Map<String, Object> cors = map(api.get("CorsConfiguration"));

        assertThat(list(cors.get("AllowHeaders"))).contains("Idempotency-Key", "Authorization", "Content-Type");
        assertThat(list(cors.get("ExposeHeaders"))).contains("Location");
        assertThat(String.valueOf(cors.get("AllowOrigins")))
                .contains("WebDistribution")
                .doesNotContain("\"*\"");
    }

    @Test
    void theStageThrottlesAndWritesJsonAccessLogs() {
        Map<String, Object> stage =
                props(ofType("AWS::ApiGatewayV2::Stage").values().iterator().next());

        assertThat(stage).containsEntry("StageName", "$default").containsEntry("AutoDeploy", true);
        assertThat(map(stage.get("DefaultRouteSettings")))
                .containsEntry("ThrottlingRateLimit", StorefrontApi.RATE_LIMIT)
                .containsEntry("ThrottlingBurstLimit", StorefrontApi.BURST_LIMIT);
        assertThat(map(stage.get("AccessLogSettings")).get("Format")).isEqualTo(StorefrontApi.ACCESS_LOG_FORMAT);
    }

    @Test
    void storeDevicesConnectOverWebSocketWhoseConnectChecksTheStaffTokenAndWhoseLogsKeepTheTokenOut() {
        Map<String, Map<String, Object>> apis = ofType("AWS::ApiGatewayV2::Api");
        assertThat(apis.values())
                .anySatisfy(a -> assertThat(props(a).get("ProtocolType")).isEqualTo("WEBSOCKET"));
        assertThat(ofType("AWS::ApiGatewayV2::Route").values().stream().map(r -> props(r).get("RouteKey")))
                .contains("$connect", "$disconnect");
        Map<String, Object> connect = props(ofType("AWS::Lambda::Function")
                .get(Resources.logicalId("AWS::Lambda::Function", "StoreSocketConnect")));
        Map<String, Object> env = map(map(connect.get("Environment")).get("Variables"));
        assertThat(String.valueOf(env.get("STAFF_TOKEN_ISSUER")))
                .contains("cognito-idp")
                .contains("StoreStaffStaffPool");
        assertThat(String.valueOf(env.get("STAFF_TOKEN_AUDIENCE"))).contains("StoreDevices");
        Map<String, Object> stage = ofType("AWS::ApiGatewayV2::Stage").values().stream()
                .map(Resources::props)
                .filter(s -> "live".equals(s.get("StageName")))
                .findFirst()
                .orElseThrow();
        String format = String.valueOf(map(stage.get("AccessLogSettings")).get("Format"));
        assertThat(format).isEqualTo(StoreSocketApi.ACCESS_LOG_FORMAT).doesNotContain("querystring", "token");
        assertThat(String.valueOf(stage.get("DefaultRouteSettings"))).doesNotContain("DataTraceEnabled=true");
    }

    @Test
    void storeStaffSignInWithMfaAndNoSelfSignUpAndCarryTheirStore() {
        Map<String, Object> pool =
                props(ofType("AWS::Cognito::UserPool").values().iterator().next());

        assertThat(pool.get("MfaConfiguration")).isEqualTo("ON");
        assertThat(map(pool.get("AdminCreateUserConfig")).get("AllowAdminCreateUserOnly"))
                .isEqualTo(true);
        assertThat(String.valueOf(pool.get("Schema"))).contains("storeId");
        Map<String, Object> client =
                props(ofType("AWS::Cognito::UserPoolClient").values().iterator().next());
        assertThat(list(client.getOrDefault("WriteAttributes", List.of()))).doesNotContain(StoreStaffAuth.STORE_CLAIM);
        assertThat(client.get("GenerateSecret")).isEqualTo(false);
        assertThat(ofType("AWS::Cognito::UserPoolGroup").values())
                .singleElement()
                .satisfies(g -> assertThat(props(g).get("GroupName")).isEqualTo(StoreStaffAuth.STAFF_GROUP));
    }

    @Test
    void theWebAppsAreServedPrivatelyThroughCloudFront() {
        Map<String, Object> distribution = map(props(ofType("AWS::CloudFront::Distribution")
                        .values()
                        .iterator()
                        .next())
                .get("DistributionConfig"));

        assertThat(map(distribution.get("DefaultCacheBehavior")).get("ViewerProtocolPolicy"))
                .isEqualTo("redirect-to-https");
        assertThat(ofType("AWS::CloudFront::OriginAccessControl")).hasSize(1);
        ofType("AWS::S3::Bucket")
                .values()
                .forEach(b -> assertThat(map(props(b).get("PublicAccessBlockConfiguration")))
                        .containsEntry("BlockPublicAcls", true)
                        .containsEntry("RestrictPublicBuckets", true));
    }

    @Test
    void theOutputsAreTheKeysOfTheContract() {
        Map<String, Map<String, Object>> outputs = asMaps(SynthesizedStack.TEMPLATE.findOutputs("*"));

        assertThat(outputs).containsKeys("StorefrontApiUrl", "StoreSocketUrl", "WebUrl", "ConsoleUrl", "AwsEndpoint");
        assertThat(String.valueOf(outputs.get("StoreSocketUrl").get("Value")))
                .contains("wss://")
                .contains("StoreSocketApi");
        assertThat(String.valueOf(outputs.get("StorefrontApiUrl").get("Value"))).contains("HttpApi");
        assertThat(String.valueOf(outputs.get("WebUrl").get("Value"))).contains("WebDistribution");
        assertThat(String.valueOf(outputs.get("AwsEndpoint").get("Value"))).contains("{service}");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> asMaps(Map<String, ?> raw) {
        return (Map<String, Map<String, Object>>) raw;
    }
}
