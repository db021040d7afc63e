package dev.asynccommerce.localstack.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynccommerce.localstack.spi.AwsJsonProtocol;
import dev.asynccommerce.localstack.stepfunctions.integration.LocalFunctions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineTypeNotSupportedException;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * The Step Functions API driven only through the unmodified SDK {@code SfnClient} over HTTP.
 * Operation names, fields and errors: the Step Functions API Reference
 * (https://docs.aws.amazon.com/step-functions/latest/apireference/).
 */
class StepFunctionsApiTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/sfn";
    private static final String CALLBACK = """
            {"StartAt":"Notify","States":{"Notify":{"Type":"Task",
              "Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
              "Parameters":{"FunctionName":"notify","Payload":{"token.$":"$$.Task.Token","order.$":"$.orderId"}},
              "HeartbeatSeconds":60,"TimeoutSeconds":3600,"End":true}}}""";

    private final java.util.Map<String, String> tokensByOrder = new java.util.concurrent.ConcurrentHashMap<>();
    private final SfnServer server = new SfnServer(b -> b.localFunctions(this::invoke));

    private LocalFunctions.Invocation invoke(String name, String qualifier, byte[] payload, boolean async) {
        var event = Json.parse(new String(payload, StandardCharsets.UTF_8));
        if ("notify".equals(name)) {
            tokensByOrder.put(event.get("order").asText(), event.get("token").asText());
            return LocalFunctions.Invocation.success("null".getBytes(StandardCharsets.UTF_8));
        }
        throw new LocalFunctions.LambdaServiceException(
                "ResourceNotFoundException", 404, "Function not found: " + name);
    }

    @AfterEach
    void close() {
        server.close();
    }

    private String create(String name, String definition) {
        return server.sfn
                .createStateMachine(b -> b.name(name).definition(definition).roleArn(ROLE))
                .stateMachineArn();
    }

    private DescribeExecutionResponse describe(String executionArn) {
        server.settle();
        return server.sfn.describeExecution(b -> b.executionArn(executionArn));
    }

    @Test
    void createDescribeUpdateListAndDeleteAStateMachine() {
        String arn = create("orders", "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}");

        assertThat(arn).isEqualTo("arn:aws:states:us-east-1:000000000000:stateMachine:orders");
        var described = server.sfn.describeStateMachine(b -> b.stateMachineArn(arn));
        assertThat(described.name()).isEqualTo("orders");
        assertThat(described.typeAsString()).isEqualTo("STANDARD");
        assertThat(described.creationDate()).isEqualTo(server.clock.now());

        server.sfn.updateStateMachine(b ->
                b.stateMachineArn(arn).definition("{\"StartAt\":\"B\",\"States\":{\"B\":{\"Type\":\"Succeed\"}}}"));
        assertThat(server.sfn.describeStateMachine(b -> b.stateMachineArn(arn)).definition())
                .contains("\"B\"");
        assertThat(server.sfn.listStateMachines(b -> {}).stateMachines())
                .extracting(m -> m.name())
                .containsExactly("orders");

        server.sfn.deleteStateMachine(b -> b.stateMachineArn(arn));
        assertThatThrownBy(() -> server.sfn.describeStateMachine(b -> b.stateMachineArn(arn)))
                .isInstanceOf(StateMachineDoesNotExistException.class);
    }

    @Test
    void anInvalidDefinitionIsRefusedNamingTheProblem() {
        assertThatThrownBy(() ->
                        create("bad", "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"B\"}}}"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("MISSING_TRANSITION_TARGET")
                .hasMessageContaining("/States/A/Next");
        assertThatThrownBy(
                        () -> create("bad", "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Nope\",\"End\":true}}}"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("SCHEMA_VALIDATION_FAILED");
        assertThatThrownBy(() -> create("bad name", "{}")).isInstanceOf(InvalidNameException.class);
    }

    @Test
    void startExecutionIsIdempotentForTheSameNameAndInputAndRefusesAnotherInput() {
        String arn = create("cb", CALLBACK);

        var first = server.sfn.startExecution(
                b -> b.stateMachineArn(arn).name("order-1").input("{\"orderId\":\"o1\"}"));
        var again = server.sfn.startExecution(
                b -> b.stateMachineArn(arn).name("order-1").input("{\"orderId\":\"o1\"}"));

        assertThat(again.executionArn()).isEqualTo(first.executionArn());
        assertThat(first.executionArn()).isEqualTo("arn:aws:states:us-east-1:000000000000:execution:cb:order-1");
        assertThatThrownBy(() -> server.sfn.startExecution(
                        b -> b.stateMachineArn(arn).name("order-1").input("{\"orderId\":\"other\"}")))
                .isInstanceOf(ExecutionAlreadyExistsException.class);
        assertThatThrownBy(() ->
                        server.sfn.startExecution(b -> b.stateMachineArn(arn).input("not json")))
                .isInstanceOf(InvalidExecutionInputException.class);
    }

    @Test
    void aCallbackTaskWaitsForSendTaskSuccessAndTheTokenIsThenClosed() {
        String arn = create("cb", CALLBACK);
        String exec = server.sfn
                .startExecution(b -> b.stateMachineArn(arn).input("{\"orderId\":\"o1\"}"))
                .executionArn();
        server.settle();
        String token = tokensByOrder.get("o1");
        assertThat(describe(exec).status()).isEqualTo(ExecutionStatus.RUNNING);

        server.sfn.sendTaskHeartbeat(b -> b.taskToken(token));
        server.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"picked\":true}"));

        DescribeExecutionResponse done = describe(exec);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{\"picked\":true}");
        assertThatThrownBy(
                        () -> server.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")))
                .isInstanceOf(TaskTimedOutException.class);
        assertThatThrownBy(() ->
                        server.sfn.sendTaskSuccess(b -> b.taskToken("garbage").output("{}")))
                .isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> server.sfn.sendTaskSuccess(
                        b -> b.taskToken(token.substring(0, 30) + "x").output("{}")))
                .isInstanceOf(TaskDoesNotExistException.class);
    }

    @Test
    void sendTaskFailureFailsTheTaskWithTheGivenErrorAndCause() {
        String arn = create("cb", CALLBACK);
        String exec = server.sfn
                .startExecution(b -> b.stateMachineArn(arn).input("{\"orderId\":\"o2\"}"))
                .executionArn();
        server.settle();

        server.sfn.sendTaskFailure(
                b -> b.taskToken(tokensByOrder.get("o2")).error("Store.Closed").cause("closed today"));

        DescribeExecutionResponse done = describe(exec);
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("Store.Closed");
        assertThat(done.cause()).isEqualTo("closed today");
    }

    @Test
    void aMissedHeartbeatTimesTheTaskOutWhenTheClockIsAdvanced() {
        String arn = create("cb", CALLBACK);
        String exec = server.sfn
                .startExecution(b -> b.stateMachineArn(arn).input("{\"orderId\":\"o3\"}"))
                .executionArn();
        server.settle();

        server.clock.advance(Duration.ofSeconds(59));
        assertThat(describe(exec).status()).isEqualTo(ExecutionStatus.RUNNING);
        server.clock.advance(Duration.ofSeconds(1));

        DescribeExecutionResponse done = describe(exec);
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        // AWS reports a missed heartbeat as States.Timeout with no cause (recorded TaskTimedOut and
        // ExecutionFailed events carry only "error": "States.Timeout").
        assertThat(done.error()).isEqualTo("States.Timeout");
        assertThat(done.cause()).isNull();
        assertThatThrownBy(() -> server.sfn.sendTaskSuccess(
                        b -> b.taskToken(tokensByOrder.get("o3")).output("{}")))
                .isInstanceOf(TaskTimedOutException.class);
        assertThat(server.sfn.getExecutionHistory(b -> b.executionArn(exec)).events())
                .extracting(HistoryEvent::type)
                .contains(HistoryEventType.TASK_TIMED_OUT, HistoryEventType.EXECUTION_FAILED);
    }

    /**
     * SendTaskHeartbeat restarts the HeartbeatSeconds window (API reference, SendTaskHeartbeat: "This
     * action resets the Heartbeat clock"). The timeout then is a heartbeat timeout: only a
     * catcher naming States.HeartbeatTimeout (concepts-error-handling.html) tells it from another
     * States.Timeout.
     */
    @Test
    void aHeartbeatMovesTheHeartbeatDeadlineOn() {
        String arn = create("hb", """
                {"StartAt":"Notify","States":{"Notify":{"Type":"Task",
                  "Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
                  "Parameters":{"FunctionName":"notify","Payload":{"token.$":"$$.Task.Token","order.$":"$.orderId"}},
                  "HeartbeatSeconds":60,"TimeoutSeconds":3600,
                  "Catch":[{"ErrorEquals":["States.HeartbeatTimeout"],"Next":"Late"}],"End":true},
                 "Late":{"Type":"Pass","End":true}}}""");
        String exec = server.sfn
                .startExecution(b -> b.stateMachineArn(arn).input("{\"orderId\":\"hb1\"}"))
                .executionArn();
        server.settle();

        server.clock.advance(Duration.ofSeconds(40));
        server.sfn.sendTaskHeartbeat(b -> b.taskToken(tokensByOrder.get("hb1")));
        server.clock.advance(Duration.ofSeconds(59));
        assertThat(describe(exec).status())
                .as("99 s in: past the first deadline (60 s), not the new one (100 s)")
                .isEqualTo(ExecutionStatus.RUNNING);
        server.clock.advance(Duration.ofSeconds(1));

        DescribeExecutionResponse done = describe(exec);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{\"Error\":\"States.Timeout\",\"Cause\":\"\"}");
        HistoryEvent timedOut = server.sfn.getExecutionHistory(b -> b.executionArn(exec)).events().stream()
                .filter(e -> e.type() == HistoryEventType.TASK_TIMED_OUT)
                .findFirst()
                .orElseThrow();
        assertThat(timedOut.timestamp()).isEqualTo(server.clock.now());
    }

    /**
     * API reference, SendTaskFailure and SendTaskHeartbeat errors: InvalidToken for a malformed
     * token, TaskDoesNotExist for an unknown one, TaskTimedOut for one whose task has closed.
     */
    @Test
    void sendTaskFailureAndSendTaskHeartbeatAnswerAwsErrorsForBadUnknownAndClosedTokens() {
        String arn = create("cb", CALLBACK);
        String exec = server.sfn
                .startExecution(b -> b.stateMachineArn(arn).input("{\"orderId\":\"o5\"}"))
                .executionArn();
        server.settle();
        String token = tokensByOrder.get("o5");
        String unknown = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

        assertThatThrownBy(() -> server.sfn.sendTaskHeartbeat(b -> b.taskToken(unknown)))
                .isInstanceOf(TaskDoesNotExistException.class);
        assertThatThrownBy(() -> server.sfn.sendTaskFailure(
                        b -> b.taskToken(unknown).error("E").cause("c")))
                .isInstanceOf(TaskDoesNotExistException.class);
        assertThatThrownBy(() -> server.sfn.sendTaskHeartbeat(b -> b.taskToken("garbage")))
                .isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> server.sfn.sendTaskFailure(
                        b -> b.taskToken("garbage").error("E").cause("c")))
                .isInstanceOf(InvalidTokenException.class);
        assertThat(describe(exec).status())
                .as("refused calls leave the task waiting")
                .isEqualTo(ExecutionStatus.RUNNING);

        server.sfn.sendTaskFailure(b -> b.taskToken(token).error("Store.Closed").cause("closed"));
        assertThat(describe(exec).status()).isEqualTo(ExecutionStatus.FAILED);

        assertThatThrownBy(() -> server.sfn.sendTaskHeartbeat(b -> b.taskToken(token)))
                .isInstanceOf(TaskTimedOutException.class);
        assertThatThrownBy(() -> server.sfn.sendTaskFailure(
                        b -> b.taskToken(token).error("Again").cause("twice")))
                .isInstanceOf(TaskTimedOutException.class);
        assertThat(describe(exec).error()).as("a late failure changes nothing").isEqualTo("Store.Closed");
    }

    /**
     * A closed token is remembered (TaskTimedOut) only while AWS would still know its execution: not
     * after the stack forgets its executions, nor after the 90 days AWS keeps a closed execution's
     * history (service-quotas.html); then it is a token that does not exist.
     */
    @Test
    void aClosedTokenIsForgottenAfterTheRetentionWindowAndOnReset() {
        // No heartbeat or timeout, so the month the clock moves on does not close the second task.
        String arn = create("patient", CALLBACK.replace("\"HeartbeatSeconds\":60,\"TimeoutSeconds\":3600,", ""));
        server.sfn.startExecution(b -> b.stateMachineArn(arn).input("{\"orderId\":\"old\"}"));
        server.sfn.startExecution(b -> b.stateMachineArn(arn).input("{\"orderId\":\"new\"}"));
        server.settle();
        server.sfn.sendTaskSuccess(b -> b.taskToken(tokensByOrder.get("old")).output("{}"));
        server.clock.advance(Duration.ofDays(30));
        server.sfn.sendTaskSuccess(b -> b.taskToken(tokensByOrder.get("new")).output("{}"));

        server.clock.advance(Duration.ofDays(60).plusSeconds(1));

        assertThatThrownBy(() -> server.sfn.sendTaskHeartbeat(b -> b.taskToken(tokensByOrder.get("old"))))
                .as("closed 90 days and 1 s ago")
                .isInstanceOf(TaskDoesNotExistException.class);
        assertThatThrownBy(() -> server.sfn.sendTaskHeartbeat(b -> b.taskToken(tokensByOrder.get("new"))))
                .as("closed 60 days ago")
                .isInstanceOf(TaskTimedOutException.class);

        server.engine.reset();

        assertThatThrownBy(() -> server.sfn.sendTaskHeartbeat(b -> b.taskToken(tokensByOrder.get("new"))))
                .isInstanceOf(TaskDoesNotExistException.class);
    }

    /** Quotas: 256 KiB of UTF-8, so 100,000 three-byte characters are too much though few characters. */
    @Test
    void anExecutionInputIsMeasuredInUtf8Bytes() {
        String arn = create("size", "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Succeed\"}}}");
        String threeByteChars = "\"" + "\u20ac".repeat(100_000) + "\"";
        String oneByteChars = "\"" + "e".repeat(200_000) + "\"";

        assertThatThrownBy(() ->
                        server.sfn.startExecution(b -> b.stateMachineArn(arn).input(threeByteChars)))
                .isInstanceOf(InvalidExecutionInputException.class);
        String accepted = server.sfn
                .startExecution(b -> b.stateMachineArn(arn).input(oneByteChars))
                .executionArn();
        assertThat(describe(accepted).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void aThreeDayWaitPassesWhenTheClockIsAdvancedThreeDays() {
        String arn = create("wait", """
                {"StartAt":"Window","States":{"Window":{"Type":"Wait","Seconds":259200,"Next":"Done"},
                 "Done":{"Type":"Pass","Result":"expired","End":true}}}""");
        String exec = server.sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn();
        server.settle();

        server.clock.advance(Duration.ofDays(3).minusSeconds(1));
        assertThat(describe(exec).status()).isEqualTo(ExecutionStatus.RUNNING);
        server.clock.advance(Duration.ofSeconds(1));

        DescribeExecutionResponse done = describe(exec);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("\"expired\"");
        assertThat(done.stopDate()).isEqualTo(server.clock.now());
    }

    @Test
    void getExecutionHistoryUsesAwsEventNamesAndFieldsAndPages() {
        String arn = create("hist", """
                {"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"x":1},"Next":"W"},
                 "W":{"Type":"Wait","Seconds":5,"Next":"S"},"S":{"Type":"Succeed"}}}""");
        String exec = server.sfn
                .startExecution(b -> b.stateMachineArn(arn).input("{\"in\":true}"))
                .executionArn();
        server.settle();
        server.clock.advance(Duration.ofSeconds(5));
        server.settle();

        List<HistoryEvent> events =
                server.sfn.getExecutionHistory(b -> b.executionArn(exec)).events();

        assertThat(events)
                .extracting(HistoryEvent::type)
                .containsExactly(
                        HistoryEventType.EXECUTION_STARTED,
                        HistoryEventType.PASS_STATE_ENTERED,
                        HistoryEventType.PASS_STATE_EXITED,
                        HistoryEventType.WAIT_STATE_ENTERED,
                        HistoryEventType.WAIT_STATE_EXITED,
                        HistoryEventType.SUCCEED_STATE_ENTERED,
                        HistoryEventType.SUCCEED_STATE_EXITED,
                        HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(events).extracting(HistoryEvent::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(events.get(1).previousEventId()).isEqualTo(1L);
        assertThat(events.get(0).executionStartedEventDetails().input()).isEqualTo("{\"in\":true}");
        assertThat(events.get(0).executionStartedEventDetails().roleArn()).isEqualTo(ROLE);
        assertThat(events.get(2).stateExitedEventDetails().name()).isEqualTo("P");
        assertThat(events.get(2).stateExitedEventDetails().output()).isEqualTo("{\"x\":1}");
        assertThat(events.get(4).timestamp())
                .isEqualTo(events.get(3).timestamp().plusSeconds(5));
        assertThat(events.get(7).executionSucceededEventDetails().output()).isEqualTo("{\"x\":1}");

        var firstPage = server.sfn.getExecutionHistory(
                b -> b.executionArn(exec).maxResults(3).reverseOrder(true));
        assertThat(firstPage.events()).extracting(HistoryEvent::id).containsExactly(8L, 7L, 6L);
        var secondPage = server.sfn.getExecutionHistory(
                b -> b.executionArn(exec).maxResults(3).reverseOrder(true).nextToken(firstPage.nextToken()));
        assertThat(secondPage.events()).extracting(HistoryEvent::id).containsExactly(5L, 4L, 3L);
    }

    @Test
    void stopExecutionAbortsAWaitingExecutionAndListExecutionsFilters() {
        String arn = create("cb", CALLBACK);
        String exec = server.sfn
                .startExecution(b -> b.stateMachineArn(arn).name("x").input("{\"orderId\":\"o4\"}"))
                .executionArn();
        server.settle();

        server.sfn.stopExecution(
                b -> b.executionArn(exec).error("Customer.Cancelled").cause("changed mind"));

        DescribeExecutionResponse stopped = describe(exec);
        assertThat(stopped.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(stopped.error()).isEqualTo("Customer.Cancelled");
        assertThat(server.engine.openTaskTokens()).isZero();
        assertThat(server.sfn
                        .listExecutions(b -> b.stateMachineArn(arn).statusFilter(ExecutionStatus.ABORTED))
                        .executions())
                .extracting(e -> e.name())
                .containsExactly("x");
        assertThat(server.sfn
                        .listExecutions(b -> b.stateMachineArn(arn).statusFilter(ExecutionStatus.RUNNING))
                        .executions())
                .isEmpty();
        assertThatThrownBy(() -> server.sfn.describeExecution(
                        b -> b.executionArn("arn:aws:states:us-east-1:000000000000:execution:cb:nope")))
                .isInstanceOf(software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException.class);
        assertThatThrownBy(() -> server.sfn.describeExecution(b -> b.executionArn("nonsense")))
                .isInstanceOf(InvalidArnException.class);
    }

    @Test
    void startSyncExecutionRunsAnExpressMachineToTheEnd() {
        String arn = server.sfn
                .createStateMachine(
                        b -> b.name("express").roleArn(ROLE).type("EXPRESS").definition("""
                {"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"sum.$":"States.MathAdd($.a, $.b)"},"End":true}}}"""))
                .stateMachineArn();

        StartSyncExecutionResponse response =
                server.sfn.startSyncExecution(b -> b.stateMachineArn(arn).input("{\"a\":2,\"b\":3}"));

        assertThat(response.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
        assertThat(response.output()).isEqualTo("{\"sum\":5}");
        assertThat(response.executionArn()).startsWith("arn:aws:states:us-east-1:000000000000:express:express:");
        String standard = create("standard", "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Succeed\"}}}");
        assertThatThrownBy(() -> server.sfn.startSyncExecution(b -> b.stateMachineArn(standard)))
                .isInstanceOf(StateMachineTypeNotSupportedException.class);
    }

    /**
     * GetExecutionHistory: recorded on AWS (localstack/localstack test_sfn_api_express.snapshot.json,
     * test_start_async_describe_history_execution, get_execution_history_error). ListExecutions: API
     * reference, "not supported by EXPRESS state machines" (StateMachineTypeNotSupported).
     */
    @Test
    void anExpressExecutionHasNoHistoryAndItsMachineNoExecutionList() {
        String arn = server.sfn
                .createStateMachine(b -> b.name("express-history")
                        .roleArn(ROLE)
                        .type("EXPRESS")
                        .definition("{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}"))
                .stateMachineArn();
        String executionArn =
                server.sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn();
        server.settle();

        assertThatThrownBy(() -> server.sfn.getExecutionHistory(b -> b.executionArn(executionArn)))
                .isInstanceOf(InvalidArnException.class)
                .hasMessageContaining("Invalid Arn: 'Resource type not valid in this context: express'");
        assertThatThrownBy(() -> server.sfn.listExecutions(b -> b.stateMachineArn(arn)))
                .isInstanceOf(StateMachineTypeNotSupportedException.class);
    }

    @Test
    void startSyncExecutionWaitsForTheClockWhenTheMachineWaits() {
        String arn = server.sfn
                .createStateMachine(b ->
                        b.name("express-wait").roleArn(ROLE).type("EXPRESS").definition("""
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":30,"End":true}}}"""))
                .stateMachineArn();

        CompletableFuture<StartSyncExecutionResponse> call =
                CompletableFuture.supplyAsync(() -> server.sfn.startSyncExecution(b -> b.stateMachineArn(arn)));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.clock.pendingTimers() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        server.settle();
        server.clock.advance(Duration.ofSeconds(30));

        assertThat(call.join().status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
    }

    @Test
    void redriveResumesAFailedExecutionAtTheStateThatFailed() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        try (SfnServer flaky =
                new SfnServer(b -> b.localFunctions((name, q, payload, async) -> calls.incrementAndGet() == 1
                        ? LocalFunctions.Invocation.error(
                                "{\"errorType\":\"Boom\",\"errorMessage\":\"first\"}".getBytes(StandardCharsets.UTF_8))
                        : LocalFunctions.Invocation.success("{\"ok\":true}".getBytes(StandardCharsets.UTF_8))))) {
            String arn = flaky.sfn
                    .createStateMachine(b -> b.name("redrive").roleArn(ROLE).definition("""
                    {"StartAt":"First","States":{"First":{"Type":"Pass","Result":{"n":1},"ResultPath":"$.first","Next":"Call"},
                     "Call":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:f","End":true}}}"""))
                    .stateMachineArn();
            String exec = flaky.sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn();
            flaky.settle();
            DescribeExecutionResponse failed = flaky.sfn.describeExecution(b -> b.executionArn(exec));
            assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(failed.error()).isEqualTo("Boom");
            assertThat(failed.redriveStatusAsString()).isEqualTo("REDRIVABLE");

            flaky.sfn.redriveExecution(b -> b.executionArn(exec));
            flaky.settle();

            DescribeExecutionResponse redriven = flaky.sfn.describeExecution(b -> b.executionArn(exec));
            assertThat(redriven.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(redriven.redriveCount()).isEqualTo(1);
            assertThat(calls).hasValue(2);
            List<HistoryEventType> types = flaky.sfn.getExecutionHistory(b -> b.executionArn(exec)).events().stream()
                    .map(HistoryEvent::type)
                    .toList();
            assertThat(types)
                    .containsSubsequence(
                            HistoryEventType.EXECUTION_FAILED,
                            HistoryEventType.EXECUTION_REDRIVEN,
                            HistoryEventType.TASK_STATE_ENTERED,
                            HistoryEventType.EXECUTION_SUCCEEDED);
            assertThat(types.stream().filter(t -> t == HistoryEventType.PASS_STATE_ENTERED))
                    .hasSize(1);
        }
    }

    @Test
    void anUnknownOperationIsAnAwsErrorNotAStackTrace() {
        StepFunctionsApi api = new StepFunctionsApi(server.engine);

        AwsJsonProtocol.Response response = api.handle("AWSStepFunctions.Nope", "{}".getBytes(StandardCharsets.UTF_8));
        AwsJsonProtocol.Response malformed =
                api.handle("AWSStepFunctions.StartExecution", "{".getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/x-amz-json-1.0");
        assertThat(Json.parse(response.text()).get("__type").asText()).isEqualTo("UnknownOperationException");
        assertThat(Json.parse(malformed.text()).get("__type").asText()).isEqualTo("SerializationException");
        assertThatThrownBy(() -> server.sfn.startExecution(
                        b -> b.stateMachineArn("arn:aws:states:us-east-1:000000000000:stateMachine:missing")))
                .isInstanceOf(StateMachineDoesNotExistException.class)
                .isInstanceOf(SfnException.class);
    }
}
