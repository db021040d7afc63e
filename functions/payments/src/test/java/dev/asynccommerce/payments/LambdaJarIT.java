package dev.asynccommerce.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.testkit.LambdaJar;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The payments Lambda jar holds its handlers and what they load, and nothing test-only. */
class LambdaJarIT {
    private final LambdaJar jar = LambdaJar.ofThisModule();

    @Test
    void holdsItsHandlersAndTheirRunTime() throws Exception {
        for (String handler : List.of(
                "dev.asynccommerce.payments.handler.PaymentsQueueHandler",
                "dev.asynccommerce.payments.handler.PaymentCommandsHandler")) {
            assertThat(jar.containsClass(handler)).as(handler).isTrue();
            assertThat(Class.forName(handler).getConstructor())
                    .as("the no-arg constructor Lambda calls")
                    .isNotNull();
        }
        for (String client : List.of(
                "software.amazon.awssdk.services.dynamodb.DynamoDbClient",
                "software.amazon.awssdk.services.sfn.SfnClient",
                "software.amazon.awssdk.services.sqs.SqsClient",
                "dev.asynccommerce.platform.outbox.OutboxItem")) {
            assertThat(jar.containsClass(client)).as(client).isTrue();
        }
        assertThat(jar.contains("log4j2.xml")).isTrue();
        assertThat(jar.contains("schemas/events/PaymentAuthorized.v1.schema.json"))
                .isTrue();
    }

    @Test
    void leavesOutEverythingTestOnly() {
        assertThat(jar.testOnlyEntries()).isEmpty();
    }
}
