package dev.asynccommerce.ordering.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.ordering.domain.OrderFixtures;
import dev.asynccommerce.testkit.DynamoDbLocal;
import dev.asynccommerce.testkit.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The payment wait's token beside the order, on DynamoDB Local. */
class DynamoDbPaymentWaitsIT {
    private static final DynamoDbClient DYNAMO = DynamoDbLocal.shared().client();

    private final MutableClock clock = MutableClock.at("2026-11-21T09:00:00Z");
    private DynamoDbPaymentWaits waits;

    @BeforeEach
    void createTable() {
        waits = new DynamoDbPaymentWaits(DYNAMO, OrderingTables.createOrdersTable(DYNAMO), clock);
    }

    @Test
    void aRememberedTokenIsFoundUntilItsWaitIsForgotten() {
        waits.remember(OrderFixtures.ORDER_ID, "token-1", clock.instant().plus(Duration.ofDays(2)));

        assertThat(waits.find(OrderFixtures.ORDER_ID)).contains("token-1");

        waits.forget(OrderFixtures.ORDER_ID, "token-1");
        assertThat(waits.find(OrderFixtures.ORDER_ID)).isEmpty();
    }

    @Test
    void forgettingAnOlderTokenLeavesTheNewerWait() {
        waits.remember(OrderFixtures.ORDER_ID, "token-1", clock.instant().plus(Duration.ofDays(2)));
        waits.remember(OrderFixtures.ORDER_ID, "token-2", clock.instant().plus(Duration.ofDays(2)));

        waits.forget(OrderFixtures.ORDER_ID, "token-1");
        waits.forget(OrderFixtures.ORDER_ID, "token-0");

        assertThat(waits.find(OrderFixtures.ORDER_ID)).contains("token-2");
    }

    @Test
    void anExpiredWaitIsNotFoundThoughTtlHasNotRemovedItYet() {
        waits.remember(OrderFixtures.ORDER_ID, "token-1", clock.instant().plus(Duration.ofHours(1)));

        clock.advance(Duration.ofHours(1));

        assertThat(waits.find(OrderFixtures.ORDER_ID)).isEmpty();
    }
}
