package dev.asynccommerce.payments.adapter.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.testkit.DynamoDbLocal;
import dev.asynccommerce.testkit.TestTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** Injected provider faults read from, and spent in, a real table on DynamoDB Local. */
class DynamoDbProviderConditionsIT {
    private static final DynamoDbLocal LOCAL = DynamoDbLocal.shared();
    private static final DynamoDbClient DYNAMO = LOCAL.client();

    private String table;
    private DynamoDbProviderConditions conditions;

    @AfterAll
    static void closeClient() {
        DYNAMO.close();
    }

    @BeforeEach
    void createTable() {
        table = TestTable.named("payments").withSortKey("sk").create(DYNAMO);
        conditions = new DynamoDbProviderConditions(DYNAMO, table);
    }

    private void inject(String operation, String errorRate, String latencyMs, String remaining) {
        Map<String, AttributeValue> fault = new java.util.HashMap<>();
        fault.put("errorRate", AttributeValue.fromN(errorRate));
        fault.put("latencyMs", AttributeValue.fromN(latencyMs));
        if (remaining != null) {
            fault.put("remaining", AttributeValue.fromN(remaining));
        }
        DYNAMO.putItem(PutItemRequest.builder()
                .tableName(table)
                .item(Map.of(
                        "pk",
                        AttributeValue.fromS(DynamoDbProviderConditions.KEY),
                        "sk",
                        AttributeValue.fromS(DynamoDbProviderConditions.KEY),
                        operation,
                        AttributeValue.fromM(fault)))
                .build());
    }

    @Test
    void withoutAnInjectedFaultNothingHappens() {
        assertThat(conditions.draw(ProviderConditions.Operation.Authorize, () -> 0.0))
                .isEqualTo(ProviderConditions.Effect.NONE);
    }

    @Test
    void aFaultAppliesToItsOperationOnlyAtItsRate() {
        inject("Authorize", "0.5", "40", null);

        assertThat(conditions.draw(ProviderConditions.Operation.Authorize, () -> 0.49))
                .isEqualTo(new ProviderConditions.Effect(40, true));
        assertThat(conditions.draw(ProviderConditions.Operation.Authorize, () -> 0.5))
                .isEqualTo(new ProviderConditions.Effect(40, false));
        assertThat(conditions.draw(ProviderConditions.Operation.Capture, () -> 0.0))
                .isEqualTo(ProviderConditions.Effect.NONE);
    }

    @Test
    void aCountedFaultAffectsExactlyThatManyCallsEvenWhenTheyRace() throws Exception {
        inject("Authorize", "1", "0", "3");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<ProviderConditions.Effect>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                calls.add(() -> conditions.draw(ProviderConditions.Operation.Authorize, () -> 0.0));
            }
            int failed = 0;
            for (Future<ProviderConditions.Effect> effect : pool.invokeAll(calls)) {
                failed += effect.get().fail() ? 1 : 0;
            }
            assertThat(failed).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
        assertThat(conditions.draw(ProviderConditions.Operation.Authorize, () -> 0.0))
                .isEqualTo(ProviderConditions.Effect.NONE);
    }
}
