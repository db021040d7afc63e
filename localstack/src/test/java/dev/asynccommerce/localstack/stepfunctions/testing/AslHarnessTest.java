package dev.asynccommerce.localstack.stepfunctions.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynccommerce.localstack.stepfunctions.Json;
import dev.asynccommerce.localstack.stepfunctions.TaskInterceptor;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The ASL test helper itself: stubs, their typo protection, substitutions, callbacks and the clock. */
class AslHarnessTest {
    private static final String ORDER = """
            {"StartAt":"Reserve","States":{
             "Reserve":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
              "Parameters":{"FunctionName":"${ReserveFunction}","Payload.$":"$"},
              "Retry":[{"ErrorEquals":["Stock.Busy"],"IntervalSeconds":5,"MaxAttempts":2,"BackoffRate":1}],
              "ResultSelector":{"reserved.$":"$.Payload.reserved"},"ResultPath":"$.stock","Next":"Lines"},
             "Lines":{"Type":"Map","ItemsPath":"$.lines","ItemProcessor":{"StartAt":"Price","States":{
              "Price":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
               "Parameters":{"FunctionName":"price"},"End":true}}},"ResultPath":"$.prices","Next":"Pickup"},
             "Pickup":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "Parameters":{"QueueUrl":"${PickupQueue}","MessageBody":{"token.$":"$$.Task.Token"}},
              "TimeoutSeconds":86400,"ResultPath":"$.pickup","Next":"Done"},
             "Done":{"Type":"Succeed"}}}""";

    private static AslHarness order() {
        return AslHarness.of(ORDER)
                .substitution("ReserveFunction", "reserve")
                .substitution("PickupQueue", "https://sqs.local/pickup");
    }

    @Test
    void aStubNamingAStateTheDefinitionLacksFailsAtOnceNamingTheTaskStates() {
        assertThatThrownBy(() -> order().stub("Reserv", "{}"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("stub for 'Reserv': the definition has no state of that name;"
                        + " its Task states are [Reserve, Price, Pickup]");
        assertThatThrownBy(() -> order().stubFailure("Nope", "E", "c")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> order().stubFailures("Nope", "E", "c", 2)).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> order().stubSequence("Nope", new TaskInterceptor.Return(Json.object())))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aStubNamingAStateThatCallsNothingFailsAtOnce() {
        assertThatThrownBy(() -> order().stub("Lines", "[]"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("stub for 'Lines': it is a Map state; only a Task state calls a resource that a stub"
                        + " can replace");
    }

    /** Placeholders outside strings keep the raw text from being JSON: the names are checked at start. */
    @Test
    void aDefinitionThatIsJsonOnlyAfterSubstitutionIsCheckedWhenStarted() {
        AslHarness harness = AslHarness.of("""
                        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                         "Parameters":{"FunctionName":"f"},"TimeoutSeconds":${Timeout},"End":true}}}""").substitution("Timeout", "30").stub("Typo", "{}");

        assertThatThrownBy(() -> harness.start("{}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("stub for 'Typo': the definition has no state of that name");
    }

    @Test
    void aMissingSubstitutionFailsNamingThePlaceholder() {
        assertThatThrownBy(() -> AslHarness.of(ORDER)
                        .substitution("ReserveFunction", "reserve")
                        .start("{}"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("no substitution given for ${PickupQueue}");
    }

    @Test
    void stubsInsideAMapApplyToEveryIterationAndTheRunWaitsForItsCallback() {
        AslRun run = order().stub("Reserve", "{\"Payload\":{\"reserved\":true}}")
                .stub("Price", "{\"price\":5}")
                .start("{\"lines\":[1,2]}");

        assertThat(run.status()).isEqualTo("RUNNING");
        assertThat(run.recordedCalls()).singleElement().satisfies(call -> {
            assertThat(call.resource()).isEqualTo("arn:aws:states:::sqs:sendMessage.waitForTaskToken");
            assertThat(call.parameters().get("QueueUrl").asText()).isEqualTo("https://sqs.local/pickup");
        });
        run.sendTaskSuccess("Pickup", "{\"collected\":true}");

        assertThat(run.status()).isEqualTo("SUCCEEDED");
        assertThat(run.outputJson()).isEqualTo(Json.parse("""
                        {"lines":[1,2],"stock":{"reserved":true},"prices":[{"price":5},{"price":5}],
                         "pickup":{"collected":true}}"""));
    }

    @Test
    void stubFailuresFailTheFirstCallsThenFallBackToTheEarlierStub() {
        AslRun run = order().stub("Reserve", "{\"Payload\":{\"reserved\":true}}")
                .stubFailures("Reserve", "Stock.Busy", "try later", 2)
                .stub("Price", "{}")
                .start("{\"lines\":[]}");

        assertThat(run.eventTypes().stream().filter("TaskFailed"::equals)).hasSize(1);
        run.advance(Duration.ofSeconds(5));
        assertThat(run.eventTypes().stream().filter("TaskFailed"::equals)).hasSize(2);
        run.advance(Duration.ofSeconds(5));

        assertThat(run.taskToken("Pickup")).isNotBlank();
        assertThat(run.outputJson()).isNull();
        assertThat(run.events().stream()
                        .filter(e -> "TaskSucceeded".equals(e.get("type").asText()))
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aFunctionServesAnUnstubbedTaskAndTheTaskTimeoutRunsOnTheClock() {
        AslRun run = order().function("reserve", in -> Json.parse("{\"reserved\":false}"))
                .function("price", in -> Json.parse("{\"price\":1}"))
                .start("{\"lines\":[7]}");

        assertThat(run.taskToken("Pickup")).isNotBlank();
        assertThatThrownBy(() -> run.sendTaskSuccess("Reserve", "{}"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("no task of state Reserve is waiting for a token; waiting: [Pickup]");
        run.advance(Duration.ofSeconds(86_399));
        assertThat(run.status()).isEqualTo("RUNNING");
        run.advance(Duration.ofSeconds(1));

        assertThat(run.error()).isEqualTo("States.Timeout");
    }

    @Test
    void awaitEndRefusesARunWaitingForATokenNobodySends() {
        AslRun run = AslHarness.of("""
                        {"StartAt":"Pickup","States":{"Pickup":{"Type":"Task",
                         "Resource":"arn:aws:states:::events:putEvents.waitForTaskToken",
                         "Parameters":{"Entries":[{"Detail":{"token.$":"$$.Task.Token"}}]},"End":true}}}""").start("{}");

        assertThatThrownBy(run::awaitEnd)
                .isInstanceOf(AssertionError.class)
                .hasMessage("the execution is still running; waiting for tokens of [Pickup]");
    }

    @Test
    void theClockStartsWhereToldAndAnExpressRunHasNoHistoryOnAws() {
        AslRun run = AslHarness.of("""
                        {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}""")
                .startingAt(Instant.parse("2030-05-01T10:00:00Z"))
                .start("{}");

        assertThat(run.now()).isEqualTo(Instant.parse("2030-05-01T10:00:00Z"));
        run.awaitEnd();
        assertThat(run.status()).isEqualTo("SUCCEEDED");
        assertThat(run.now()).isAfterOrEqualTo(Instant.parse("2030-05-01T10:01:00Z"));
        assertThat(AslHarness.of("{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}")
                        .express()
                        .start("{}")
                        .executionArn())
                .contains(":express:harness:run:");
    }
}
