package dev.asynccommerce.payments.adapter.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.testkit.DynamoDbLocal;
import dev.asynccommerce.testkit.TestTable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

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
        conditions.inject(
                ProviderConditions.Operation.valueOf(operation),
                Double.parseDouble(errorRate),
                Long.parseLong(latencyMs),
                remaining == null ? null : Integer.valueOf(remaining));
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
    void aNewFaultReplacesTheOperationsLastAndClearingRemovesThemAll() {
        inject("Authorize", "1", "0", null);
        inject("Capture", "1", "0", null);
        inject("Authorize", "0", "25", null);

        assertThat(conditions.draw(ProviderConditions.Operation.Authorize, () -> 0.0))
                .isEqualTo(new ProviderConditions.Effect(25, false));

        conditions.clear();
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
