package dev.asynccommerce.localstack.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.localstack.stepfunctions.testing.AslHarness;
import dev.asynccommerce.localstack.stepfunctions.testing.AslRun;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * RedriveExecution and the abort/evaluation events of GetExecutionHistory. Sources: the
 * RedriveExecution API reference ("reschedules and redrives only the iterations and branches that
 * failed or aborted", "didn't complete successfully in the last 14 days"), DescribeExecution's
 * redriveStatusReason values, and GetExecutionHistory responses recorded against AWS in
 * localstack/localstack's tests/aws/services/stepfunctions/v2 snapshots (read as data): test_sfn_api
 * test_stop_execution, timeouts/test_timeouts test_service_lambda_map_timeout, callback/test_callback
 * SQS_PARALLEL_WAIT_FOR_TASK_TOKEN, assign/test_assign_reference_variables test_undefined_reference.
 */
class RedriveAndAbortFidelityTest {
    private static final String LAMBDA = "arn:aws:lambda:us-east-1:000000000000:function:";

    private static JsonNode event(AslRun run, String type) {
        return run.events().stream()
                .filter(e -> e.get("type").asText().equals(type))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in " + run.eventTypes()));
    }

    private static long id(AslRun run, String type) {
        return event(run, type).get("id").asLong();
    }

    @Test
    void redriveRerunsOnlyTheParallelBranchThatFailed() {
        AtomicInteger calls = new AtomicInteger();
        AslRun run = AslHarness.of("""
                {"StartAt":"Both","States":{"Both":{"Type":"Parallel","End":true,"Branches":[
                  {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"%sa","End":true}}},
                  {"StartAt":"Later","States":{"Later":{"Type":"Wait","Seconds":10,"Next":"B"},
                    "B":{"Type":"Task","Resource":"%sb","End":true}}}]}}}""".formatted(LAMBDA, LAMBDA))
                .function("a", in -> Json.object().put("a", calls.incrementAndGet()))
                .stubSequence(
                        "B",
                        new TaskInterceptor.Throw("Flaky", "first attempt"),
                        new TaskInterceptor.Return(Json.parse("{\"b\":true}")))
                .start("{}");
        run.advance(Duration.ofSeconds(10));
        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(calls).hasValue(1);

        run.engine().redrive(run.executionArn());
        run.awaitEnd();

        assertThat(run.status()).isEqualTo("SUCCEEDED");
        assertThat(calls).hasValue(1);
        assertThat(run.outputJson()).isEqualTo(Json.parse("[{\"a\":1},{\"b\":true}]"));
    }

    @Test
    void redriveRerunsOnlyTheMapIterationsThatFailed() {
        AtomicInteger calls = new AtomicInteger();
        AslRun run = AslHarness.of("""
                {"StartAt":"Each","States":{"Each":{"Type":"Map","End":true,"ItemsPath":"$.items",
                  "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Pick","States":{
                    "Pick":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"Later"}],
                            "Default":"Work"},
                    "Later":{"Type":"Wait","Seconds":10,"Next":"Flaky"},
                    "Work":{"Type":"Task","Resource":"%swork","End":true},
                    "Flaky":{"Type":"Task","Resource":"%sflaky","End":true}}}}}}""".formatted(LAMBDA, LAMBDA))
                .function("work", in -> {
                    calls.incrementAndGet();
                    return in;
                })
                .stubSequence(
                        "Flaky",
                        new TaskInterceptor.Throw("Flaky", "first attempt"),
                        new TaskInterceptor.Return(Json.parse("20")))
                .start("{\"items\":[1,2,3]}");
        run.advance(Duration.ofSeconds(10));
        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(calls).hasValue(2);

        run.engine().redrive(run.executionArn());
        run.awaitEnd();

        assertThat(run.status()).isEqualTo("SUCCEEDED");
        assertThat(run.outputJson()).isEqualTo(Json.parse("[1,20,3]"));
        // Iterations 0 and 2 succeeded before iteration 1 failed: the redrive does not run them again.
        assertThat(calls).hasValue(2);
    }

    @Test
    void aSucceededExecutionIsNotRedrivable() {
        AslRun run = AslHarness.of("""
                {"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""").start("{}");

        assertThatThrownBy(() -> run.engine().redrive(run.executionArn()))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.getMessage()).contains("Execution is SUCCEEDED and cannot be redriven."));
    }

    @Test
    void aFailedExecutionIsRedrivableFor14DaysOnTheStackClock() {
        AslRun run = AslHarness.of("""
                {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E"}}}""").start("{}");
        run.advance(Duration.ofDays(14).plusSeconds(1));

        assertThatThrownBy(() -> run.engine().redrive(run.executionArn()))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.getMessage()).contains("Execution redrivable period exceeded."));
        JsonNode described = AslRunCalls.describe(run);
        assertThat(described.get("redriveStatus").asText()).isEqualTo("NOT_REDRIVABLE");
        assertThat(described.get("redriveStatusReason").asText()).isEqualTo("Execution redrivable period exceeded.");
    }

    @Test
    void aFailedExecutionInsideTheWindowIsRedriven() {
        AslRun run = AslHarness.of("""
                {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E"}}}""").start("{}");
        run.advance(Duration.ofDays(13));

        run.engine().redrive(run.executionArn());

        assertThat(run.eventTypes()).contains("ExecutionRedriven");
    }

    @Test
    void stopExecutionWritesExecutionAbortedChainedToNoEventAsRecordedOnAws() {
        AslRun run = AslHarness.of("""
                {"StartAt":"State_1","States":{"State_1":{"Type":"Wait","Seconds":60,"End":true}}}""").start("{}");

        run.engine().stop(run.executionArn(), null, null);

        List<JsonNode> events = run.events();
        assertThat(run.eventTypes()).containsExactly("ExecutionStarted", "WaitStateEntered", "ExecutionAborted");
        assertThat(events.get(2).get("previousEventId").asLong()).isZero();
        assertThat(events.get(2).get("executionAbortedEventDetails").size()).isZero();
    }

    @Test
    void aFailingBranchAbortsItsStateAndTheParallelFailsChainedToTheFailure() {
        // Recorded (SQS_PARALLEL_WAIT_FOR_TASK_TOKEN): TaskFailed #8, TaskStateAborted #9 (prev 8),
        // ParallelStateFailed #10 (prev 8).
        AslRun run = AslHarness.of("""
                {"StartAt":"Par","States":{"Par":{"Type":"Parallel","End":true,"Branches":[
                  {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%st","End":true}}}]}}}""".formatted(LAMBDA))
                .stubFailure("T", "Boom", "broken")
                .start("{}");

        long failed = id(run, "TaskFailed");
        JsonNode aborted = event(run, "TaskStateAborted");
        JsonNode parallelFailed = event(run, "ParallelStateFailed");
        assertThat(aborted.get("previousEventId").asLong()).isEqualTo(failed);
        assertThat(parallelFailed.get("previousEventId").asLong()).isEqualTo(failed);
        assertThat(aborted.get("id").asLong())
                .isLessThan(parallelFailed.get("id").asLong());
    }

    @Test
    void aQueryEvaluationErrorWritesEvaluationFailedAsRecordedOnAws() {
        // Recorded (BASE_UNDEFINED_OUTPUT_MULTIPLE_STATES): PassStateEntered #6 (prev 5),
        // EvaluationFailed #7 (prev 5) {error, cause, location "Output/result", state}, ExecutionFailed (prev 7).
        AslRun run = AslHarness.of("""
                {"QueryLanguage":"JSONata","StartAt":"State0","States":{
                  "State0":{"Type":"Pass","Next":"State1"},
                  "State1":{"Type":"Pass","Output":{"result":"{% $doesNotExist %}"},"End":true}}}""").start("{}");

        JsonNode entered = run.events().get(3);
        JsonNode failed = event(run, "EvaluationFailed");
        assertThat(entered.get("type").asText()).isEqualTo("PassStateEntered");
        assertThat(failed.get("previousEventId").asLong())
                .isEqualTo(entered.get("previousEventId").asLong());
        JsonNode details = failed.get("evaluationFailedEventDetails");
        assertThat(details.get("error").asText()).isEqualTo("States.QueryEvaluationError");
        assertThat(details.get("location").asText()).isEqualTo("Output/result");
        assertThat(details.get("state").asText()).isEqualTo("State1");
        assertThat(details.get("cause").asText()).isEqualTo(run.cause());
        assertThat(event(run, "ExecutionFailed").get("previousEventId").asLong())
                .isEqualTo(failed.get("id").asLong());
    }

    /**
     * The guide's redrive page: a redrive "continues the failed execution from the unsuccessful step"
     * and the successful steps "are not rerun". Their Assign therefore does not run again, and the
     * variables it set (recorded in their StateExited events) are what the rerun step reads.
     */
    @Test
    void redriveKeepsTheVariablesAssignedBeforeTheFailure() {
        AslRun run = AslHarness.of("""
                        {"StartAt":"Remember","States":{
                         "Remember":{"Type":"Pass","Assign":{"customer.$":"$.customer"},"Next":"Charge"},
                         "Charge":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                          "Parameters":{"FunctionName":"charge","Payload":{"customer.$":"$customer"}},
                          "ResultSelector":{"charged.$":"$.Payload.charged","customer.$":"$customer"},"End":true}}}""")
                .stubSequence(
                        "Charge",
                        new TaskInterceptor.Throw("Provider.Down", "first attempt"),
                        new TaskInterceptor.Return(Json.parse("{\"Payload\":{\"charged\":true}}")))
                .start("{\"customer\":\"c-1\"}");
        assertThat(run.status()).isEqualTo("FAILED");

        run.engine().redrive(run.executionArn());
        run.awaitEnd();

        assertThat(run.status()).isEqualTo("SUCCEEDED");
        assertThat(run.outputJson()).isEqualTo(Json.parse("{\"charged\":true,\"customer\":\"c-1\"}"));
        assertThat(run.enteredStates()).containsExactly("Remember", "Charge", "Charge");
    }
}
