package dev.asynccommerce.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.testkit.LambdaJar;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fulfillment Lambda jar holds its handlers and what they load, and nothing test-only. */
class LambdaJarIT {
    private final LambdaJar jar = LambdaJar.ofThisModule();

    @Test
    void holdsItsHandlersWithTheConstructorLambdaCalls() throws Exception {
        for (String handler : List.of(
                "dev.asynccommerce.fulfillment.handler.DeviceConnectHandler",
                "dev.asynccommerce.fulfillment.handler.DeviceDisconnectHandler",
                "dev.asynccommerce.fulfillment.handler.DeviceSyncHandler",
                "dev.asynccommerce.fulfillment.handler.WorkflowTaskHandler",
                "dev.asynccommerce.fulfillment.handler.ListPickTasksHandler",
                "dev.asynccommerce.fulfillment.handler.MarkPickedHandler",
                "dev.asynccommerce.fulfillment.handler.ConfirmCollectionHandler",
                "dev.asynccommerce.fulfillment.handler.StoreNotifierHandler",
                "dev.asynccommerce.fulfillment.handler.OrderCancelledHandler")) {
            assertThat(jar.containsClass(handler)).as(handler).isTrue();
            assertThat(Class.forName(handler).getConstructor())
                    .as("the no-arg constructor Lambda calls")
                    .isNotNull();
        }
    }

    @Test
    void holdsWhatTheHandlersNeedAtRunTime() {
        assertThat(jar.containsClass("com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent"))
                .isTrue();
        assertThat(jar.containsClass("software.amazon.awssdk.services.dynamodb.DynamoDbClient"))
                .isTrue();
        assertThat(jar.containsClass("software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient"))
                .isTrue();
        assertThat(jar.containsClass("software.amazon.awssdk.services.sfn.SfnClient"))
                .isTrue();
        assertThat(jar.containsClass(
                        "software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient"))
                .isTrue();
        assertThat(jar.contains("schemas/events/PickTaskCreated.v1.schema.json"))
                .isTrue();
        assertThat(jar.containsClass("com.fasterxml.jackson.databind.ObjectMapper"))
                .isTrue();
        assertThat(jar.contains("log4j2.xml")).isTrue();
        assertThat(jar.contains("META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat"))
                .isTrue();
    }

    @Test
    void leavesOutEverythingTestOnly() {
        assertThat(jar.testOnlyEntries()).isEmpty();
        assertThat(jar.containsClass("dev.asynccommerce.fulfillment.adapter.jwt.StaffPool"))
                .as("the test stand-in for the user pool")
                .isFalse();
        assertThat(jar.containsClass("dev.asynccommerce.fulfillment.application.FulfillmentFixture"))
                .isFalse();
    }
}
