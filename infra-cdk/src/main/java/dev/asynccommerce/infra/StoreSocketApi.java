package dev.asynccommerce.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.aws_apigatewayv2_integrations.WebSocketLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.apigatewayv2.WebSocketApi;
import software.amazon.awscdk.services.apigatewayv2.WebSocketRoute;
import software.amazon.awscdk.services.apigatewayv2.WebSocketRouteOptions;
import software.amazon.awscdk.services.apigatewayv2.WebSocketStage;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The WebSocket API store devices keep open ({@code wss://...?storeId=...&token=...}). {@code $connect}
 * verifies the staff token itself (WebSocket APIs have no JWT authorizer) and refuses another store's
 * token; {@code $disconnect} forgets the connection. The token travels in the query string, so the
 * access log format leaves the query string out and data tracing stays off.
 */
public final class StoreSocketApi extends Construct {
    private final ServiceFunction connect;
    private final ServiceFunction disconnect;
    private final WebSocketApi api;
    private final WebSocketStage stage;

    public StoreSocketApi(Construct scope, String id, Artifacts artifacts, Table fulfillment, StoreStaffAuth staff) {
        super(scope, id);
        Map<String, String> env = Map.of(
                "FULFILLMENT_TABLE_NAME", fulfillment.getTableName(),
                "STAFF_TOKEN_ISSUER", staff.issuer(),
                "STAFF_TOKEN_AUDIENCE", staff.deviceClient().getUserPoolClientId());
        this.connect = new ServiceFunction(
                this,
                "Connect",
                artifacts,
                new ServiceFunction.Spec(
                        "fulfillment",
                        "dev.asynccommerce.fulfillment.handler.DeviceConnectHandler",
                        1024,
                        Duration.seconds(10),
                        "WebSocket $connect: verifies the store-staff token and records the device",
                        env));
        this.disconnect = new ServiceFunction(
                this,
                "Disconnect",
                artifacts,
                new ServiceFunction.Spec(
                        "fulfillment",
                        "dev.asynccommerce.fulfillment.handler.DeviceDisconnectHandler",
                        512,
                        Duration.seconds(10),
                        "WebSocket $disconnect: forgets the device",
                        env));
        fulfillment.grantReadWriteData(connect.function());
        fulfillment.grantReadWriteData(disconnect.function());

        this.api = WebSocketApi.Builder.create(this, "Api")
                .description("async-commerce store devices")
                .connectRouteOptions(WebSocketRouteOptions.builder()
                        .integration(new WebSocketLambdaIntegration("ConnectIntegration", connect.live()))
                        .build())
                .disconnectRouteOptions(WebSocketRouteOptions.builder()
                        .integration(new WebSocketLambdaIntegration("DisconnectIntegration", disconnect.live()))
                        .build())
                .build();
        this.stage = WebSocketStage.Builder.create(this, "Stage")
                .webSocketApi(api)
                .stageName("live")
                .autoDeploy(true)
                .throttle(ThrottleSettings.builder()
                        .rateLimit(100)
                        .burstLimit(200)
                        .build())
                .build();
        LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(RetentionDays.THREE_MONTHS)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        CfnStage cfnStage = (CfnStage) stage.getNode().getDefaultChild();
        cfnStage.setAccessLogSettings(CfnStage.AccessLogSettingsProperty.builder()
                .destinationArn(accessLogs.getLogGroupArn())
                .format(ACCESS_LOG_FORMAT)
                .build());
        NagSuppressions.addResourceSuppressions(
                api,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-APIG4")
                        .reason("WebSocket APIs have no JWT authorizer: the $connect function verifies the staff"
                                + " token against the user pool's keys and refuses another store's token")
                        .build()),
                true);
    }

    /** No query string: the device's token travels in it. */
    static final String ACCESS_LOG_FORMAT = "{\"requestId\":\"$context.requestId\",\"routeKey\":\"$context.routeKey\","
            + "\"eventType\":\"$context.eventType\",\"status\":\"$context.status\",\"connectionId\":\"$context.connectionId\","
            + "\"requestTime\":\"$context.requestTime\",\"integrationLatencyMs\":\"$context.integrationLatency\","
            + "\"error\":\"$context.error.message\"}";

    /** The URL devices connect to ({@code wss://...}). */
    public String url() {
        return stage.getUrl();
    }

    /** The management API's endpoint functions push through ({@code https://.../<stage>}). */
    public String callbackUrl() {
        return stage.getCallbackUrl();
    }

    /** A route for messages devices send, e.g. {@code sync} for {@code {"action": "sync"}}. */
    public void messageRoute(String routeKey, ServiceFunction function) {
        WebSocketRoute route = api.addRoute(
                routeKey,
                WebSocketRouteOptions.builder()
                        .integration(new WebSocketLambdaIntegration(camel(routeKey) + "Integration", function.live()))
                        .build());
        NagSuppressions.addResourceSuppressions(
                route,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-APIG4")
                        .reason("WebSocket message routes are authorized at $connect: only a connection whose staff"
                                + " token was verified exists to send on, and the function answers for its store only")
                        .build()),
                true);
    }

    /** Lets {@code function} post to, and close, this API's connections (and nothing else). */
    public void grantManageConnections(ServiceFunction function) {
        stage.grantManagementApiAccess(function.function());
        NagSuppressions.addResourceSuppressions(
                function,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason("Connection ids are API Gateway's, one per device session: ManageConnections is"
                                + " granted on this stage's @connections/*, never on another API or stage")
                        .appliesTo(List.of(
                                Map.of("regex", "/^Resource::arn:<AWS::Partition>:execute-api:.*/@connections/\\*$/")))
                        .build()),
                true);
    }

    private static String camel(String routeKey) {
        return Character.toUpperCase(routeKey.charAt(0)) + routeKey.substring(1);
    }

    public WebSocketApi api() {
        return api;
    }

    public ServiceFunction connect() {
        return connect;
    }

    public ServiceFunction disconnect() {
        return disconnect;
    }
}
