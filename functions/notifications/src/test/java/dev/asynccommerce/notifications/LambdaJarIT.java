package dev.asynccommerce.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.testkit.LambdaJar;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The notifications Lambda jar holds its handlers and what they load, and nothing test-only. */
class LambdaJarIT {
    private final LambdaJar jar = LambdaJar.ofThisModule();

    @Test
    void holdsItsHandlersWithTheConstructorLambdaCalls() throws Exception {
        for (String handler : List.of(
                "dev.asynccommerce.notifications.handler.OrderEventNotificationHandler",
                "dev.asynccommerce.notifications.handler.PickupReminderHandler")) {
            assertThat(jar.containsClass(handler)).as(handler).isTrue();
            assertThat(Class.forName(handler).getConstructor())
                    .as("the no-arg constructor Lambda calls")
                    .isNotNull();
        }
    }

    @Test
    void holdsWhatTheHandlersNeedAtRunTime() {
        assertThat(jar.containsClass("software.amazon.awssdk.services.dynamodb.DynamoDbClient"))
                .isTrue();
        assertThat(jar.containsClass("software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient"))
                .isTrue();
        assertThat(jar.containsClass("dev.asynccommerce.platform.outbox.OutboxItem"))
                .isTrue();
        assertThat(jar.contains("schemas/events/CustomerNotified.v1.schema.json"))
                .isTrue();
        assertThat(jar.contains("schemas/eventbridge-event.schema.json")).isTrue();
        assertThat(jar.contains("log4j2.xml")).isTrue();
    }

    @Test
    void leavesOutEverythingTestOnly() {
        assertThat(jar.testOnlyEntries()).isEmpty();
    }
}
