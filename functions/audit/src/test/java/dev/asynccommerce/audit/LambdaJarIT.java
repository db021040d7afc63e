package dev.asynccommerce.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.testkit.LambdaJar;
import org.junit.jupiter.api.Test;

/** The audit Lambda jar holds its handler and what it loads, and nothing test-only. */
class LambdaJarIT {
    private final LambdaJar jar = LambdaJar.ofThisModule();

    @Test
    void holdsItsHandlerWithTheConstructorLambdaCalls() throws Exception {
        String handler = "dev.asynccommerce.audit.handler.AuditEventHandler";
        assertThat(jar.containsClass(handler)).isTrue();
        assertThat(Class.forName(handler).getConstructor())
                .as("the no-arg constructor Lambda calls")
                .isNotNull();
    }

    @Test
    void holdsWhatTheHandlerNeedsAtRunTime() {
        assertThat(jar.containsClass("software.amazon.awssdk.services.dynamodb.DynamoDbClient"))
                .isTrue();
        assertThat(jar.containsClass("dev.asynccommerce.platform.metrics.EmfMetrics"))
                .isTrue();
        assertThat(jar.contains("schemas/events/OrderPlaced.v1.schema.json")).isTrue();
        assertThat(jar.contains("schemas/eventbridge-event.schema.json")).isTrue();
        assertThat(jar.contains("log4j2.xml")).isTrue();
    }

    @Test
    void leavesOutEverythingTestOnly() {
        assertThat(jar.testOnlyEntries()).isEmpty();
    }
}
