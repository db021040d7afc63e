package dev.asynccommerce.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.testkit.LambdaJar;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The inventory Lambda jar holds its handlers and what they load, and nothing test-only. */
class LambdaJarIT {
    private final LambdaJar jar = LambdaJar.ofThisModule();

    @Test
    void holdsItsHandlersAndTheirRunTime() throws Exception {
        for (String handler : List.of(
                "dev.asynccommerce.inventory.handler.GetAvailabilityHandler",
                "dev.asynccommerce.inventory.handler.AdjustStockHandler",
                "dev.asynccommerce.inventory.handler.ReservationCommandHandler",
                "dev.asynccommerce.inventory.handler.ChannelSyncHandler")) {
            assertThat(jar.containsClass(handler)).as(handler).isTrue();
            assertThat(Class.forName(handler).getConstructor())
                    .as("the no-arg constructor Lambda calls")
                    .isNotNull();
        }
        assertThat(jar.containsClass("software.amazon.awssdk.services.dynamodb.DynamoDbClient"))
                .isTrue();
        assertThat(jar.contains("log4j2.xml")).isTrue();
    }

    @Test
    void leavesOutEverythingTestOnly() {
        assertThat(jar.testOnlyEntries()).isEmpty();
    }
}
