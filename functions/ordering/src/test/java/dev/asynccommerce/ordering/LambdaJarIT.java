package dev.asynccommerce.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.ordering.handler.CancelOrderHandler;
import dev.asynccommerce.ordering.handler.GetOrderHandler;
import dev.asynccommerce.ordering.handler.OrderWorkflowHandler;
import dev.asynccommerce.ordering.handler.PaymentActivityHandler;
import dev.asynccommerce.ordering.handler.PlaceOrderHandler;
import dev.asynccommerce.ordering.handler.ReplacePaymentMethodsHandler;
import dev.asynccommerce.ordering.handler.StartFulfillmentHandler;
import dev.asynccommerce.ordering.handler.WorkflowSignalsHandler;
import dev.asynccommerce.testkit.LambdaJar;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The ordering Lambda jar holds its handlers and everything they load, and nothing test-only. */
class LambdaJarIT {
    private final LambdaJar jar = LambdaJar.ofThisModule();

    @Test
    void holdsEveryHandlerWithTheConstructorLambdaCalls() throws Exception {
        for (Class<?> handler : Stream.of(
                        PlaceOrderHandler.class,
                        GetOrderHandler.class,
                        CancelOrderHandler.class,
                        ReplacePaymentMethodsHandler.class,
                        OrderWorkflowHandler.class,
                        StartFulfillmentHandler.class,
                        WorkflowSignalsHandler.class,
                        PaymentActivityHandler.class)
                .toList()) {
            assertThat(jar.containsClass(handler.getName()))
                    .as(handler.getName())
                    .isTrue();
            assertThat(handler.getConstructor()).isNotNull();
        }
    }

    @Test
    void holdsWhatTheHandlersNeedAtRunTime() {
        assertThat(jar.containsClass("software.amazon.awssdk.services.dynamodb.DynamoDbClient"))
                .isTrue();
        assertThat(jar.containsClass("software.amazon.awssdk.services.sfn.SfnClient"))
                .isTrue();
        assertThat(jar.containsClass("software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient"))
                .isTrue();
        assertThat(jar.containsClass("dev.asynccommerce.events.OrderPlaced")).isTrue();
        assertThat(jar.contains("schemas/events/OrderPlaced.v1.schema.json")).isTrue();
        assertThat(jar.contains("log4j2.xml")).isTrue();
        assertThat(jar.contains("META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat"))
                .isTrue();
    }

    @Test
    void leavesOutEverythingTestOnly() {
        assertThat(jar.testOnlyEntries()).isEmpty();
    }
}
