package dev.asynccommerce.localstack.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a fault decides, with a scripted random source so that rates are exact. */
class FaultsTest {
    private static Faults scripted(Double... draws) {
        ArrayDeque<Double> queue = new ArrayDeque<>(List.of(draws));
        return new Faults(queue::removeFirst);
    }

    @Test
    void aRateFailsTheRequestsWhoseDrawFallsBelowItAndCountsOnlyThose() {
        Faults faults = scripted(0.2, 0.7, 0.4, 0.1);
        faults.put(new Faults.Fault("events", "PutEvents", 0.5, 0, 2));

        assertThat(faults.apply("events", "PutEvents").fail()).isTrue();
        assertThat(faults.apply("events", "PutEvents").fail()).isFalse();
        assertThat(faults.list())
                .singleElement()
                .satisfies(f -> assertThat(f.remaining()).isEqualTo(1));
        assertThat(faults.apply("events", "PutEvents").fail()).isTrue();

        assertThat(faults.list()).as("its count is spent").isEmpty();
        assertThat(faults.apply("events", "PutEvents")).isEqualTo(Faults.Effect.NONE);
    }

    @Test
    void aDelayAffectsEveryMatchingRequestAndOnlyItsOperation() {
        Faults faults = scripted(0.9, 0.9, 0.9);
        faults.put(new Faults.Fault("dynamodb", "TransactWriteItems", 0, 250, null));

        assertThat(faults.apply("dynamodb", "TransactWriteItems")).isEqualTo(new Faults.Effect(250, false));
        assertThat(faults.apply("dynamodb", "PutItem")).isEqualTo(Faults.Effect.NONE);
        assertThat(faults.apply("sqs", "TransactWriteItems")).isEqualTo(Faults.Effect.NONE);
        assertThat(faults.apply("dynamodb", "TransactWriteItems").latencyMs()).isEqualTo(250);
        assertThat(faults.list()).hasSize(1);
    }

    @Test
    void aNewFaultForTheSameOperationReplacesTheOldOne() {
        Faults faults = scripted(0.0);
        faults.put(new Faults.Fault("sqs", "SendMessage", 1, 0, 5));
        faults.put(new Faults.Fault("sqs", "SendMessage", 0, 100, 1));

        assertThat(faults.apply("sqs", "SendMessage")).isEqualTo(new Faults.Effect(100, false));
        assertThat(faults.list()).isEmpty();
    }
}
