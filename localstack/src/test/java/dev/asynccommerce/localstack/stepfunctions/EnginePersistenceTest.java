package dev.asynccommerce.localstack.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.localstack.clock.VirtualClock;
import dev.asynccommerce.localstack.stepfunctions.integration.IntegrationPattern;
import dev.asynccommerce.localstack.stepfunctions.integration.LocalFunctions;
import dev.asynccommerce.localstack.stepfunctions.integration.ServiceIntegration;
import dev.asynccommerce.localstack.stepfunctions.integration.TaskCall;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * The engine over a restart of the stack ({@code ./local-stack --persist DIR}): engine A's {@code
 * saveState()}, A closed, a new engine B whose "deployment" creates the template's machines again, then
 * B's {@code restoreState} of the state round-tripped through JSON text. Everything is observed through
 * the SDK client, on manual clocks (B's starting where A's stood) unless a test needs clocks that flow.
 */
class EnginePersistenceTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/sfn";
    private static final String LAMBDA = "arn:aws:lambda:us-east-1:000000000000:function:";
    private static final Instant T0 = SfnServer.START;
    /** A plain mapper, as the stack's file writer may use: the state must not need the engine's own. */
    private static final ObjectMapper FILE = new ObjectMapper();

    /** Calls of the "recorder" service ({@code arn:aws:states:::recorder:send.waitForTaskToken}), across A and B. */
    private final List<TaskCall> recorded = new CopyOnWriteArrayList<>();

    private final Map<String, AtomicInteger> lambdaCalls = new ConcurrentHashMap<>();
    private final ServiceIntegration recorder = new ServiceIntegration() {
        @Override
        public String service() {
            return "recorder";
        }

        @Override
        public boolean supports(String action, IntegrationPattern pattern) {
            return "send".equals(action);
        }

        @Override
        public CompletionStage<JsonNode> call(TaskCall call) {
            recorded.add(call);
            return CompletableFuture.completedFuture(Json.object().put("sent", true));
        }
    };

    /** The stack clock of a server starting at an instant: manual unless a test says otherwise. */
    private Function<Instant, VirtualClock> clockAt = VirtualClock::manual;

    private SfnServer a = server(T0);
    private SfnServer b;

    private SfnServer server(Instant start) {
        UnaryOperator<StepFunctionsEngine.Builder> configure =
                builder -> builder.localFunctions(this::invoke).integration(recorder);
        return new SfnServer(clockAt.apply(start), configure);
    }

    /** Runs the test on flowing stack clocks over {@link #ticking} wall clocks instead of manual ones. */
    private void useFlowingClocks() {
        a.close();
        clockAt = start -> VirtualClock.flowing(ticking(start));
        a = server(T0);
    }

    /**
     * A wall clock that has moved on by a millisecond each time it is read, as a real one does between
     * two reads; deterministic, unlike the system clock, and never standing still like a manual one.
     */
    private static Clock ticking(Instant start) {
        AtomicLong reads = new AtomicLong();
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException("a test clock stays in UTC");
            }

            @Override
            public Instant instant() {
                return start.plusMillis(reads.getAndIncrement());
            }
        };
    }

    /** "double" doubles $.value; "flaky" fails its first call and succeeds after; "count" answers its call number. */
    private LocalFunctions.Invocation invoke(String name, String qualifier, byte[] payload, boolean async) {
        String function = name.substring(name.lastIndexOf(':') + 1);
        int call =
                lambdaCalls.computeIfAbsent(function, k -> new AtomicInteger()).incrementAndGet();
        JsonNode event = Json.parse(new String(payload, StandardCharsets.UTF_8));
        String result = switch (function) {
            case "double" -> "{\"value\":" + event.path("value").asInt() * 2 + "}";
            case "flaky" -> {
                if (call == 1) {
                    yield null;
                }
                yield "{\"attempt\":" + call + "}";
            }
            default -> "{\"call\":" + call + "}";
        };
        if (result == null) {
            return LocalFunctions.Invocation.error(
                    "{\"errorType\":\"Flaky\",\"errorMessage\":\"first call fails\"}".getBytes(StandardCharsets.UTF_8));
        }
        return LocalFunctions.Invocation.success(result.getBytes(StandardCharsets.UTF_8));
    }

    private int calls(String function) {
        return lambdaCalls.getOrDefault(function, new AtomicInteger()).get();
    }

    @AfterEach
    void close() {
        if (b != null) {
            b.close();
        } else {
            a.close();
        }
    }

    private static String createMachine(SfnServer server, String name, String definition) {
        return server.sfn
                .createStateMachine(r -> r.name(name).roleArn(ROLE).definition(definition))
                .stateMachineArn();
    }

    private static String start(SfnServer server, String machineArn, String name, String input) {
        String arn = server.sfn
                .startExecution(r -> r.stateMachineArn(machineArn).name(name).input(input))
                .executionArn();
        server.settle();
        return arn;
    }

    /** Stops A as the stack does (after its state is saved) and starts B from the saved file. */
    private void restart(Consumer<SfnServer> deploy) {
        restart(deploy, UnaryOperator.identity());
    }

    private void restart(Consumer<SfnServer> deploy, UnaryOperator<JsonNode> editFile) {
        a.settle();
        String file;
        try {
            file = FILE.writeValueAsString(a.engine.saveState());
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
        Instant stoppedAt = a.clock.now();
        a.close();
        b = server(stoppedAt);
        deploy.accept(b);
        try {
            b.engine.restoreState(editFile.apply(FILE.readTree(file)));
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static DescribeExecutionResponse describe(SfnServer server, String executionArn) {
        server.settle();
        return server.sfn.describeExecution(r -> r.executionArn(executionArn));
    }

    private static List<HistoryEvent> history(SfnServer server, String executionArn) {
        server.settle();
        return server.sfn
                .getExecutionHistory(r -> r.executionArn(executionArn).maxResults(1000))
                .events();
    }

    private static List<HistoryEventType> types(List<HistoryEvent> events) {
        return events.stream().map(HistoryEvent::type).toList();
    }

    /** Every field of the response the same (named in the failure: toString redacts inputs and outputs). */
    private static void assertSameFields(SdkPojo actual, SdkPojo expected) {
        for (SdkField<?> field : expected.sdkFields()) {
            assertThat(field.getValueOrDefault(actual))
                    .as(field.memberName())
                    .isEqualTo(field.getValueOrDefault(expected));
        }
    }

    /** Ids run 1, 2, ... with no gap or repeat. */
    private static void assertContiguous(List<HistoryEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).id())
                    .as("event %d of %s", i, types(events))
                    .isEqualTo(i + 1L);
        }
    }

    private static String tokenOf(TaskCall call) {
        return call.parameters().get("token").asText();
    }

    // ---- 1. Wait

    private static final String WAIT_AN_HOUR = """
            {"StartAt":"Hold","States":{
              "Hold":{"Type":"Wait","Seconds":3600,"Next":"Done"},
              "Done":{"Type":"Pass","Result":{"ok":true},"End":true}}}""";

    @Test
    void aWaitingExecutionResumesAndEndsAtItsOriginalDueTime() {
        String machine = createMachine(a, "hold", WAIT_AN_HOUR);
        String execution = start(a, machine, "hold-1", "{\"order\":\"o-1\"}");
        a.clock.advance(Duration.ofSeconds(1000));
        List<HistoryEvent> before = history(a, execution);

        restart(server -> createMachine(server, "hold", WAIT_AN_HOUR));

        assertThat(history(b, execution)).isEqualTo(before);
        b.clock.advance(Duration.ofSeconds(2599));
        assertThat(describe(b, execution).status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(history(b, execution)).isEqualTo(before);

        b.clock.advance(Duration.ofSeconds(1));

        DescribeExecutionResponse done = describe(b, execution);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.stopDate()).isEqualTo(T0.plusSeconds(3600));
        assertThat(Json.parse(done.output())).isEqualTo(Json.parse("{\"ok\":true}"));
        List<HistoryEvent> after = history(b, execution);
        assertThat(after.subList(0, before.size())).isEqualTo(before);
        assertContiguous(after);
        assertThat(types(after))
                .containsExactly(
                        HistoryEventType.EXECUTION_STARTED,
                        HistoryEventType.WAIT_STATE_ENTERED,
                        HistoryEventType.WAIT_STATE_EXITED,
                        HistoryEventType.PASS_STATE_ENTERED,
                        HistoryEventType.PASS_STATE_EXITED,
                        HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(after.get(2).previousEventId()).isEqualTo(2);
        assertThat(after.get(2).timestamp()).isEqualTo(T0.plusSeconds(3600));
    }

    // ---- 2. waitForTaskToken

    private static final String ASK = """
            {"StartAt":"Ask","States":{
              "Ask":{"Type":"Task","Resource":"arn:aws:states:::recorder:send.waitForTaskToken","TimeoutSeconds":600,
                     "Parameters":{"token.$":"$$.Task.Token","order.$":"$.order"},"Next":"After"},
              "After":{"Type":"Pass","End":true}}}""";

    @Test
    void aTaskWaitingForItsTokenResumesWithTheSameTokenWithoutCallingItsServiceAgain() {
        String machine = createMachine(a, "ask", ASK);
        String answered = start(a, machine, "answered", "{\"order\":\"o-1\"}");
        String unanswered = start(a, machine, "unanswered", "{\"order\":\"o-2\"}");
        String closedEarlier = start(a, machine, "closed-earlier", "{\"order\":\"o-3\"}");
        assertThat(recorded).hasSize(3);
        String closedToken = tokenOf(recorded.get(2));
        a.sfn.sendTaskSuccess(r -> r.taskToken(closedToken).output("{}"));
        a.clock.advance(Duration.ofSeconds(100));

        restart(server -> createMachine(server, "ask", ASK));

        assertThat(b.engine.openTaskTokens()).isEqualTo(2);
        String token = tokenOf(recorded.getFirst());
        b.sfn.sendTaskHeartbeat(r -> r.taskToken(token));
        b.sfn.sendTaskSuccess(r -> r.taskToken(token).output("{\"approved\":true}"));
        DescribeExecutionResponse done = describe(b, answered);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.parse(done.output())).isEqualTo(Json.parse("{\"approved\":true}"));
        assertThat(recorded)
                .as("the service was called once per execution, across both runs")
                .hasSize(3);
        List<HistoryEvent> events = history(b, answered);
        assertContiguous(events);
        assertThat(types(events))
                .containsExactly(
                        HistoryEventType.EXECUTION_STARTED,
                        HistoryEventType.TASK_STATE_ENTERED,
                        HistoryEventType.TASK_SCHEDULED,
                        HistoryEventType.TASK_STARTED,
                        HistoryEventType.TASK_SUBMITTED,
                        HistoryEventType.TASK_SUCCEEDED,
                        HistoryEventType.TASK_STATE_EXITED,
                        HistoryEventType.PASS_STATE_ENTERED,
                        HistoryEventType.PASS_STATE_EXITED,
                        HistoryEventType.EXECUTION_SUCCEEDED);

        // TimeoutSeconds 600 counts from the task's original start, T0.
        b.clock.advance(Duration.ofSeconds(499));
        assertThat(describe(b, unanswered).status()).isEqualTo(ExecutionStatus.RUNNING);
        b.clock.advance(Duration.ofSeconds(1));
        DescribeExecutionResponse timedOut = describe(b, unanswered);
        assertThat(timedOut.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(timedOut.error()).isEqualTo("States.Timeout");
        assertThat(timedOut.stopDate()).isEqualTo(T0.plusSeconds(600));

        // A token closed before the restart is still one that timed out, not one that never existed.
        assertThatThrownBy(() ->
                        b.sfn.sendTaskSuccess(r -> r.taskToken(closedToken).output("{}")))
                .isInstanceOf(TaskTimedOutException.class);
        assertThat(describe(b, closedEarlier).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void heartbeatSecondsCountFromTheLastHeartbeatBeforeTheRestart() {
        String definition = """
                {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::recorder:send.waitForTaskToken",
                  "HeartbeatSeconds":300,"Parameters":{"token.$":"$$.Task.Token"},"End":true}}}""";
        String machine = createMachine(a, "beat", definition);
        String execution = start(a, machine, "beat-1", "{}");
        a.clock.advance(Duration.ofSeconds(200));
        a.sfn.sendTaskHeartbeat(r -> r.taskToken(tokenOf(recorded.getFirst())));
        a.clock.advance(Duration.ofSeconds(50));

        restart(server -> createMachine(server, "beat", definition));

        b.clock.advance(Duration.ofSeconds(249));
        assertThat(describe(b, execution).status()).isEqualTo(ExecutionStatus.RUNNING);
        b.clock.advance(Duration.ofSeconds(1));
        DescribeExecutionResponse done = describe(b, execution);
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("States.Timeout");
        assertThat(done.stopDate()).isEqualTo(T0.plusSeconds(500));
    }

    // ---- 3. Parallel

    @Test
    void aParallelKeepsItsFinishedBranchAndCompletesTheWaitingOneByToken() {
        String definition = """
                {"StartAt":"Both","States":{"Both":{"Type":"Parallel","End":true,"Branches":[
                  {"StartAt":"Double","States":{"Double":{"Type":"Task","Resource":"%sdouble","End":true}}},
                  {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::recorder:send.waitForTaskToken",
                     "Parameters":{"token.$":"$$.Task.Token"},"End":true}}}]}}}""".formatted(LAMBDA);
        String machine = createMachine(a, "both", definition);
        String execution = start(a, machine, "both-1", "{\"value\":21}");
        assertThat(calls("double")).isEqualTo(1);
        List<HistoryEvent> before = history(a, execution);

        restart(server -> createMachine(server, "both", definition));

        assertThat(history(b, execution)).isEqualTo(before);
        b.sfn.sendTaskSuccess(r -> r.taskToken(tokenOf(recorded.getFirst())).output("{\"approved\":true}"));
        DescribeExecutionResponse done = describe(b, execution);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.parse(done.output())).isEqualTo(Json.parse("[{\"value\":42},{\"approved\":true}]"));
        assertThat(calls("double")).isEqualTo(1);
        assertThat(recorded).hasSize(1);
        List<HistoryEvent> after = history(b, execution);
        assertThat(after.subList(0, before.size())).isEqualTo(before);
        assertContiguous(after);
        assertThat(types(after).subList(before.size(), after.size()))
                .containsExactly(
                        HistoryEventType.TASK_SUCCEEDED,
                        HistoryEventType.TASK_STATE_EXITED,
                        HistoryEventType.PARALLEL_STATE_SUCCEEDED,
                        HistoryEventType.PARALLEL_STATE_EXITED,
                        HistoryEventType.EXECUTION_SUCCEEDED);
    }

    @Test
    void aMapKeepsItsFinishedIterationsAndCompletesTheWaitingOneByToken() {
        String definition = """
                {"StartAt":"Each","States":{"Each":{"Type":"Map","End":true,"ItemProcessor":{
                  "ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Which","States":{
                    "Which":{"Type":"Choice","Choices":[{"Variable":"$.value","NumericEquals":2,"Next":"Ask"}],"Default":"Double"},
                    "Double":{"Type":"Task","Resource":"%sdouble","End":true},
                    "Ask":{"Type":"Task","Resource":"arn:aws:states:::recorder:send.waitForTaskToken",
                       "Parameters":{"token.$":"$$.Task.Token"},"End":true}}}}}}""".formatted(LAMBDA);
        String machine = createMachine(a, "each", definition);
        String execution = start(a, machine, "each-1", "[{\"value\":1},{\"value\":2},{\"value\":3}]");
        assertThat(calls("double")).isEqualTo(2);

        restart(server -> createMachine(server, "each", definition));

        b.sfn.sendTaskSuccess(r -> r.taskToken(tokenOf(recorded.getFirst())).output("{\"approved\":true}"));
        DescribeExecutionResponse done = describe(b, execution);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.parse(done.output()))
                .isEqualTo(Json.parse("[{\"value\":2},{\"approved\":true},{\"value\":6}]"));
        assertThat(calls("double")).isEqualTo(2);
        assertThat(recorded).hasSize(1);
        assertContiguous(history(b, execution));
    }

    // ---- 4. finished executions

    @Test
    void finishedExecutionsAnswerAsBeforeAndAFailedOneCanBeRedriven() {
        String succeeding = """
                {"StartAt":"Done","States":{"Done":{"Type":"Pass","Result":{"ok":true},"End":true}}}""";
        String failing = """
                {"StartAt":"Prepare","States":{
                  "Prepare":{"Type":"Pass","Assign":{"prepared":"yes"},"Next":"Call"},
                  "Call":{"Type":"Task","Resource":"%sflaky","ResultSelector":{"attempt.$":"$.attempt","prepared.$":"$prepared"},"End":true}}}""".formatted(LAMBDA);
        String okMachine = createMachine(a, "ok", succeeding);
        String flakyMachine = createMachine(a, "flaky", failing);
        String ok = start(a, okMachine, "ok-1", "{\"n\":1}");
        a.clock.advance(Duration.ofSeconds(5));
        String failed = start(a, flakyMachine, "flaky-1", "{\"n\":2}");
        DescribeExecutionResponse okBefore = describe(a, ok);
        DescribeExecutionResponse failedBefore = describe(a, failed);
        List<HistoryEvent> okHistory = history(a, ok);
        List<HistoryEvent> failedHistory = history(a, failed);
        List<ExecutionListItem> flakyList =
                a.sfn.listExecutions(r -> r.stateMachineArn(flakyMachine)).executions();
        assertThat(failedBefore.status()).isEqualTo(ExecutionStatus.FAILED);

        restart(server -> {
            createMachine(server, "ok", succeeding);
            createMachine(server, "flaky", failing);
        });

        assertSameFields(describe(b, ok), okBefore);
        assertSameFields(describe(b, failed), failedBefore);
        assertThat(history(b, ok)).isEqualTo(okHistory);
        assertThat(history(b, failed)).isEqualTo(failedHistory);
        assertThat(b.sfn.listExecutions(r -> r.stateMachineArn(flakyMachine)).executions())
                .isEqualTo(flakyList);
        assertThatThrownBy(() -> b.sfn.startExecution(
                        r -> r.stateMachineArn(okMachine).name("ok-1").input("{\"n\":1}")))
                .isInstanceOf(ExecutionAlreadyExistsException.class);

        b.sfn.redriveExecution(r -> r.executionArn(failed));

        DescribeExecutionResponse redriven = describe(b, failed);
        assertThat(redriven.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(redriven.redriveCount()).isEqualTo(1);
        // The redrive resumed at the failed Task, with the variable the state before it assigned.
        assertThat(Json.parse(redriven.output())).isEqualTo(Json.parse("{\"attempt\":2,\"prepared\":\"yes\"}"));
        assertThat(history(b, failed).subList(0, failedHistory.size())).isEqualTo(failedHistory);
    }

    @Test
    void aRedrivenExecutionStillRunningResumesItsRedriveNotItsFirstRun() {
        String definition = """
                {"StartAt":"Prepare","States":{
                  "Prepare":{"Type":"Pass","Assign":{"prepared":"yes"},"Next":"Call"},
                  "Call":{"Type":"Task","Resource":"%sflaky","Next":"Hold"},
                  "Hold":{"Type":"Wait","Seconds":60,"Next":"Done"},
                  "Done":{"Type":"Pass","Parameters":{"attempt.$":"$.attempt","prepared.$":"$prepared"},"End":true}}}""".formatted(LAMBDA);
        String machine = createMachine(a, "redriven", definition);
        String execution = start(a, machine, "redriven-1", "{}");
        a.clock.advance(Duration.ofSeconds(10));
        a.sfn.redriveExecution(r -> r.executionArn(execution));
        a.settle();
        assertThat(calls("flaky")).isEqualTo(2);
        List<HistoryEvent> before = history(a, execution);

        restart(server -> createMachine(server, "redriven", definition));

        assertThat(history(b, execution)).isEqualTo(before);
        b.clock.advance(Duration.ofSeconds(59));
        assertThat(describe(b, execution).status()).isEqualTo(ExecutionStatus.RUNNING);
        b.clock.advance(Duration.ofSeconds(1));
        DescribeExecutionResponse done = describe(b, execution);
        assertThat(done.status()).as(done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.redriveCount()).isEqualTo(1);
        assertThat(Json.parse(done.output())).isEqualTo(Json.parse("{\"attempt\":2,\"prepared\":\"yes\"}"));
        assertThat(done.stopDate()).isEqualTo(T0.plusSeconds(70));
        assertThat(calls("flaky")).isEqualTo(2);
        List<HistoryEvent> after = history(b, execution);
        assertContiguous(after);
        assertThat(after.subList(0, before.size())).isEqualTo(before);
    }

    @Test
    void aParentWaitingForItsChildExecutionFindsTheSameChildAfterTheRestart() {
        String child = """
                {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::recorder:send.waitForTaskToken",
                  "Parameters":{"token.$":"$$.Task.Token"},"End":true}}}""";
        String parent = """
                {"StartAt":"Child","States":{"Child":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2",
                  "Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:000000000000:stateMachine:child","Input":{"n":1}},
                  "OutputPath":"$.Output","End":true}}}""";
        Consumer<SfnServer> deploy = server -> {
            createMachine(server, "child", child);
            createMachine(server, "parent", parent);
        };
        deploy.accept(a);
        String execution = start(a, "arn:aws:states:us-east-1:000000000000:stateMachine:parent", "parent-1", "{}");
        assertThat(recorded).hasSize(1);

        restart(deploy);

        assertThat(b.sfn.listExecutions(
                                r -> r.stateMachineArn("arn:aws:states:us-east-1:000000000000:stateMachine:child"))
                        .executions())
                .as("no second child")
                .hasSize(1);
        b.sfn.sendTaskSuccess(r -> r.taskToken(tokenOf(recorded.getFirst())).output("{\"approved\":true}"));
        DescribeExecutionResponse done = describe(b, execution);
        assertThat(done.status()).as(done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.parse(done.output())).isEqualTo(Json.parse("{\"approved\":true}"));
        assertThat(recorded).hasSize(1);
        assertContiguous(history(b, execution));
    }

    // ---- 5. machines

    @Test
    void machinesCreatedThroughTheApiComeBackAndRecreatedOnesKeepTheTemplatesDefinition() {
        String adHoc = """
                {"StartAt":"A","States":{"A":{"Type":"Pass","Result":"ad hoc","End":true}}}""";
        String templateV1 = """
                {"StartAt":"A","States":{"A":{"Type":"Pass","Result":"v1","End":true}}}""";
        String templateV2 = """
                {"StartAt":"A","States":{"A":{"Type":"Pass","Result":"v2","End":true}}}""";
        String adHocArn = createMachine(a, "ad-hoc", adHoc);
        String templateArn = createMachine(a, "template", templateV1);
        var adHocBefore = a.sfn.describeStateMachine(r -> r.stateMachineArn(adHocArn));
        a.clock.advance(Duration.ofMinutes(1));

        restart(server -> createMachine(server, "template", templateV2));

        assertSameFields(b.sfn.describeStateMachine(r -> r.stateMachineArn(adHocArn)), adHocBefore);
        assertThat(b.sfn.describeStateMachine(r -> r.stateMachineArn(templateArn))
                        .definition())
                .isEqualTo(templateV2);
        String fromTemplate = start(b, templateArn, "after-restart", "{}");
        assertThat(describe(b, fromTemplate).output()).isEqualTo("\"v2\"");
        String fromAdHoc = start(b, adHocArn, "after-restart", "{}");
        assertThat(describe(b, fromAdHoc).output()).isEqualTo("\"ad hoc\"");
    }

    // ---- 6. a replay that cannot match

    @Test
    void aReplayThatLeavesTheRecordedHistoryFailsTheExecutionInsteadOfDoingSomethingElse() {
        String machine = createMachine(a, "hold", WAIT_AN_HOUR);
        String execution = start(a, machine, "hold-1", "{}");
        List<HistoryEvent> before = history(a, execution);
        String changed = """
                {"StartAt":"Charge","States":{
                  "Charge":{"Type":"Task","Resource":"%scharge","Next":"Hold"},
                  "Hold":{"Type":"Wait","Seconds":3600,"End":true}}}""".formatted(LAMBDA);

        restart(server -> createMachine(server, "hold", WAIT_AN_HOUR), file -> {
            ObjectNode saved = (ObjectNode) file.get("executions").get(0);
            saved.put("definition", changed);
            return file;
        });

        DescribeExecutionResponse failed = describe(b, execution);
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("States.Runtime");
        assertThat(failed.cause())
                .contains("could not be resumed after the local stack restarted")
                .contains("TaskStateEntered 'Charge'");
        assertThat(calls("charge"))
                .as("the changed path's task is never called")
                .isZero();
        List<HistoryEvent> after = history(b, execution);
        assertThat(after.subList(0, before.size())).isEqualTo(before);
        assertThat(types(after.subList(before.size(), after.size())))
                .containsExactly(HistoryEventType.EXECUTION_FAILED);
        b.clock.advance(Duration.ofHours(2));
        assertThat(history(b, execution)).hasSameSizeAs(after);
    }

    // ---- 7. Retry

    @Test
    void aRetryWaitingForItsIntervalResumesWithTheRemainingWait() {
        String definition = """
                {"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"%sflaky",
                  "Retry":[{"ErrorEquals":["Flaky"],"IntervalSeconds":60,"BackoffRate":2,"MaxAttempts":3}],"End":true}}}""".formatted(LAMBDA);
        String machine = createMachine(a, "retry", definition);
        String execution = start(a, machine, "retry-1", "{}");
        assertThat(calls("flaky")).isEqualTo(1);
        a.clock.advance(Duration.ofSeconds(20));

        restart(server -> createMachine(server, "retry", definition));

        b.clock.advance(Duration.ofSeconds(39));
        assertThat(describe(b, execution).status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(calls("flaky")).as("attempt 1 is not called again").isEqualTo(1);
        b.clock.advance(Duration.ofSeconds(1));
        DescribeExecutionResponse done = describe(b, execution);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(calls("flaky")).isEqualTo(2);
        assertThat(Json.parse(done.output())).isEqualTo(Json.parse("{\"attempt\":2}"));
        List<HistoryEvent> events = history(b, execution);
        assertContiguous(events);
        assertThat(events.stream()
                        .filter(e -> e.type() == HistoryEventType.LAMBDA_FUNCTION_SCHEDULED)
                        .map(HistoryEvent::timestamp))
                .containsExactly(T0, T0.plusSeconds(60));
    }

    // ---- random values and time

    @Test
    void randomValuesAndTheTimeAStateSawAreTheSameWhenItIsReplayed() {
        String definition = """
                {"StartAt":"Stamp","States":{
                  "Stamp":{"Type":"Pass","Parameters":{"id.$":"States.UUID()","n.$":"States.MathRandom(1, 1000000)"},"Next":"Mark"},
                  "Mark":{"Type":"Pass","QueryLanguage":"JSONata",
                    "Output":{"id":"{% $states.input.id %}","n":"{% $states.input.n %}","uuid":"{% $uuid() %}",
                              "random":"{% $random() %}","at":"{% $now() %}","millis":"{% $millis() %}"},"Next":"Hold"},
                  "Hold":{"Type":"Wait","Seconds":60,"End":true}}}""";
        String machine = createMachine(a, "stamp", definition);
        a.clock.advance(Duration.ofMillis(1234));
        String execution = start(a, machine, "stamp-1", "{}");
        List<HistoryEvent> before = history(a, execution);
        JsonNode marked = Json.parse(before.stream()
                .filter(e -> e.type() == HistoryEventType.PASS_STATE_EXITED)
                .filter(e -> e.stateExitedEventDetails().name().equals("Mark"))
                .findFirst()
                .orElseThrow()
                .stateExitedEventDetails()
                .output());
        assertThat(marked.get("at").asText()).isEqualTo("2026-11-21T09:00:01.234Z");
        assertThat(marked.get("millis").asLong()).isEqualTo(T0.plusMillis(1234).toEpochMilli());
        a.clock.advance(Duration.ofSeconds(30));

        restart(server -> createMachine(server, "stamp", definition));

        b.clock.advance(Duration.ofSeconds(30));
        DescribeExecutionResponse done = describe(b, execution);
        assertThat(done.status()).as(done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.parse(done.output())).isEqualTo(marked);
        assertThat(history(b, execution).subList(0, before.size())).isEqualTo(before);
    }

    /**
     * On a flowing clock time moves between an event being written and an expression being evaluated;
     * {@code $now()} must still come out the same in the replay as in the first run, else the replay
     * no longer matches its history and the execution fails with States.Runtime after the restart.
     */
    @Test
    void theTimeAStateSawIsTheSameWhenItIsReplayedOnAFlowingClock() {
        useFlowingClocks();
        String definition = """
                {"QueryLanguage":"JSONata","StartAt":"Stamp","States":{
                  "Stamp":{"Type":"Pass","Output":{"at":"{% $now() %}","twice":"{% [$now(), $now()] %}",
                           "millis":"{% $millis() %}"},"Next":"Hold"},
                  "Hold":{"Type":"Wait","Seconds":10,"Output":{"stamp":"{% $states.input %}","heldUntil":"{% $now() %}"},
                          "Next":"Ask"},
                  "Ask":{"Type":"Task","Resource":"arn:aws:states:::recorder:send.waitForTaskToken",
                         "Arguments":{"token":"{% $states.context.Task.Token %}","askedAt":"{% $now() %}"},
                         "Output":{"before":"{% $states.input %}","answer":"{% $states.result %}"},"End":true}}}""";
        String machine = createMachine(a, "flowing", definition);
        String execution = start(a, machine, "flowing-1", "{}");
        a.clock.advance(Duration.ofSeconds(10));
        a.settle();
        assertThat(recorded).hasSize(1);
        List<HistoryEvent> before = history(a, execution);
        JsonNode held = Json.parse(before.stream()
                .filter(e -> e.type() == HistoryEventType.WAIT_STATE_EXITED)
                .findFirst()
                .orElseThrow()
                .stateExitedEventDetails()
                .output());
        JsonNode stamp = held.get("stamp");
        assertThat(stamp.get("twice").get(0))
                .as("one evaluation, one instant")
                .isEqualTo(stamp.get("twice").get(1));
        assertThat(Instant.parse(stamp.get("at").asText()).toEpochMilli())
                .isEqualTo(stamp.get("millis").asLong());
        Instant askedAt =
                Instant.parse(recorded.getFirst().parameters().get("askedAt").asText());

        restart(server -> createMachine(server, "flowing", definition));

        assertThat(history(b, execution)).as("nothing written again").isEqualTo(before);
        b.sfn.sendTaskSuccess(r -> r.taskToken(tokenOf(recorded.getFirst())).output("{\"approved\":true}"));
        DescribeExecutionResponse done = describe(b, execution);
        assertThat(done.status()).as(done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = Json.parse(done.output());
        assertThat(output.get("before")).isEqualTo(held);
        assertThat(output.get("answer")).isEqualTo(Json.parse("{\"approved\":true}"));
        assertThat(recorded).as("the task was not called again").hasSize(1);
        assertThat(askedAt).isAfterOrEqualTo(Instant.parse(held.get("heldUntil").asText()));
        List<HistoryEvent> after = history(b, execution);
        assertContiguous(after);
        assertThat(after.subList(0, before.size())).isEqualTo(before);
    }

    @Test
    void anUnknownVersionRestoresNothing() {
        createMachine(a, "ad-hoc", WAIT_AN_HOUR);

        restart(server -> {}, file -> ((ObjectNode) file).put("version", 2));

        assertThat(b.sfn.listStateMachines(r -> {}).stateMachines()).isEmpty();
    }
}
