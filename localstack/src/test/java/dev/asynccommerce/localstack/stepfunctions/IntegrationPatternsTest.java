package dev.asynccommerce.localstack.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.localstack.stepfunctions.integration.LocalFunctions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * Service integrations whose target is this engine or an in-process function, through SfnClient.
 * Sources: connect-lambda.html, connect-stepfunctions.html, connect-to-resource.html (patterns).
 */
class IntegrationPatternsTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/sfn";
    private static final String MACHINES = "arn:aws:states:us-east-1:000000000000:stateMachine:";
    /** Task tokens the "remember" function was given, by the order id in its payload. */
    private final Map<String, String> tokensByOrder = new ConcurrentHashMap<>();

    private final SfnServer server = new SfnServer(b -> b.localFunctions(this::invoke));

    private LocalFunctions.Invocation invoke(String name, String qualifier, byte[] payload, boolean async) {
        String event = new String(payload, StandardCharsets.UTF_8);
        // Lambda accepts a name or an ARN; the engine passes on what the state machine wrote.
        String function = name.substring(name.lastIndexOf(':') + 1);
        return switch (function) {
            case "remember" -> {
                JsonNode request = Json.parse(event);
                tokensByOrder.put(
                        request.get("order").asText(), request.get("token").asText());
                yield LocalFunctions.Invocation.success("{\"queued\":true}".getBytes(StandardCharsets.UTF_8));
            }
            case "double" ->
                LocalFunctions.Invocation.success(
                        ("{\"value\":" + Json.parse(event).get("value").asInt() * 2 + "}")
                                .getBytes(StandardCharsets.UTF_8));
            case "decline" ->
                LocalFunctions.Invocation.error("{\"errorType\":\"PaymentDeclined\",\"errorMessage\":\"card declined\"}"
                        .getBytes(StandardCharsets.UTF_8));
            case "throttled" ->
                throw new LocalFunctions.LambdaServiceException("TooManyRequestsException", 429, "Rate exceeded");
            default ->
                throw new LocalFunctions.LambdaServiceException(
                        "ResourceNotFoundException", 404, "Function not found: " + name);
        };
    }

    @AfterEach
    void close() {
        server.close();
    }

    private DescribeExecutionResponse describe(String executionArn) {
        server.settle();
        return server.sfn.describeExecution(b -> b.executionArn(executionArn));
    }

    private List<HistoryEvent> history(String executionArn) {
        server.settle();
        return server.sfn.getExecutionHistory(b -> b.executionArn(executionArn)).events();
    }

    private String start(String name, String definition, String input) {
        String arn = server.sfn
                .createStateMachine(b -> b.name(name).roleArn(ROLE).definition(definition))
                .stateMachineArn();
        return server.sfn
                .startExecution(b -> b.stateMachineArn(arn).input(input))
                .executionArn();
    }

    private DescribeExecutionResponse run(String name, String definition, String input) {
        String arn = server.sfn
                .createStateMachine(b -> b.name(name).roleArn(ROLE).definition(definition))
                .stateMachineArn();
        String exec = server.sfn
                .startExecution(b -> b.stateMachineArn(arn).input(input))
                .executionArn();
        server.settle();
        return server.sfn.describeExecution(b -> b.executionArn(exec));
    }

    @Test
    void lambdaInvokeWrapsThePayloadAsAwsDoes() {
        DescribeExecutionResponse done = run("invoke", """
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                 "Parameters":{"FunctionName":"double","Payload.$":"$"},"End":true}}}""", "{\"value\":21}");

        var output = Json.parse(done.output());
        assertThat(output.get("Payload")).isEqualTo(Json.parse("{\"value\":42}"));
        assertThat(output.get("StatusCode").asInt()).isEqualTo(200);
        assertThat(output.get("ExecutedVersion").asText()).isEqualTo("$LATEST");
        assertThat(output.get("SdkHttpMetadata").get("HttpStatusCode").asInt()).isEqualTo(200);
    }

    @Test
    void aFunctionErrorFailsWithItsErrorTypeAndLambdasOwnFailuresWithLambdaNames() {
        DescribeExecutionResponse declined = run("decline", """
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                 "Parameters":{"FunctionName":"decline"},"End":true}}}""", "{}");
        DescribeExecutionResponse throttled = run("throttled", """
                {"StartAt":"T","States":{"T":{"Type":"Task",
                 "Resource":"arn:aws:lambda:us-east-1:000000000000:function:throttled","End":true}}}""", "{}");

        assertThat(declined.error()).isEqualTo("PaymentDeclined");
        assertThat(Json.parse(declined.cause()).get("errorMessage").asText()).isEqualTo("card declined");
        assertThat(throttled.error()).isEqualTo("Lambda.TooManyRequestsException");
        assertThat(server.sfn
                        .getExecutionHistory(b -> b.executionArn(throttled.executionArn()))
                        .events())
                .extracting(HistoryEvent::type)
                .contains(HistoryEventType.LAMBDA_FUNCTION_SCHEDULED, HistoryEventType.LAMBDA_FUNCTION_FAILED);
    }

    @Test
    void startExecutionSync2WaitsForTheChildAndReturnsItsOutputAsJson() {
        server.sfn.createStateMachine(b -> b.name("child").roleArn(ROLE).definition("""
                {"StartAt":"Double","States":{"Double":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                 "Parameters":{"FunctionName":"double","Payload.$":"$"},"OutputPath":"$.Payload","End":true}}}"""));

        DescribeExecutionResponse parent = run("parent", """
                {"StartAt":"Child","States":{"Child":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2",
                 "Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:000000000000:stateMachine:child",
                   "Input":{"value.$":"$.value"}},"End":true}}}""", "{\"value\":4}");

        assertThat(parent.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        var output = Json.parse(parent.output());
        assertThat(output.get("Output")).isEqualTo(Json.parse("{\"value\":8}"));
        assertThat(output.get("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(server.sfn
                        .listExecutions(
                                b -> b.stateMachineArn("arn:aws:states:us-east-1:000000000000:stateMachine:child"))
                        .executions())
                .hasSize(1);
    }

    @Test
    void aFailedChildFailsTheSyncTaskWithStatesTaskFailed() {
        server.sfn.createStateMachine(b -> b.name("failing-child").roleArn(ROLE).definition("""
                {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Child.Failed","Cause":"nope"}}}"""));

        DescribeExecutionResponse parent = run("parent2", """
                {"StartAt":"Child","States":{"Child":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync",
                 "Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:000000000000:stateMachine:failing-child"},
                 "End":true}}}""", "{}");

        assertThat(parent.error()).isEqualTo("States.TaskFailed");
        assertThat(Json.parse(parent.cause()).get("Error").asText()).isEqualTo("Child.Failed");
    }

    @Test
    void aResourceWithNoIntegrationFailsWithStatesRuntimeNamingIt() {
        DescribeExecutionResponse done = run("nosuch", """
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::glue:startJobRun","End":true}}}""", "{}");

        assertThat(done.error()).isEqualTo("States.Runtime");
        assertThat(done.cause()).contains("arn:aws:states:::glue:startJobRun");
    }

    /**
     * Source: connect-stepfunctions.html (request-response): the task ends when StartExecution
     * answers, with its ExecutionArn and StartDate; the child runs on by itself.
     */
    @Test
    void startExecutionRequestResponseReturnsAtOnceWhileTheChildRunsOn() {
        server.sfn.createStateMachine(b -> b.name("slow-child").roleArn(ROLE).definition("""
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}"""));

        DescribeExecutionResponse parent = run("starter", """
                {"StartAt":"Start","States":{"Start":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution",
                 "Parameters":{"StateMachineArn":"%sslow-child","Name":"child-1","Input":{"order.$":"$.order"}},
                 "End":true}}}""".formatted(MACHINES), "{\"order\":\"o-1\"}");

        assertThat(parent.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = Json.parse(parent.output());
        String childArn = "arn:aws:states:us-east-1:000000000000:execution:slow-child:child-1";
        assertThat(output.get("ExecutionArn").asText()).isEqualTo(childArn);
        assertThat(output.get("StartDate").asLong())
                .isEqualTo(server.clock.now().toEpochMilli());
        assertThat(output.has("Output")).isFalse();
        DescribeExecutionResponse child = describe(childArn);
        assertThat(child.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(Json.parse(child.input())).isEqualTo(Json.parse("{\"order\":\"o-1\"}"));

        server.clock.advance(Duration.ofSeconds(60));
        assertThat(describe(childArn).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    /**
     * Source: connect-stepfunctions.html and connect-to-resource.html (wait for a callback with a
     * task token): the child is started with the token in its input, and the parent task ends when
     * the token is used, not when the child ends.
     */
    @Test
    void startExecutionWaitForTaskTokenWaitsForTheTokenNotForTheChild() {
        server.sfn.createStateMachine(b -> b.name("quick-child").roleArn(ROLE).definition("""
                {"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"""));
        String parent = start("callback-parent", """
                {"StartAt":"Start","States":{"Start":{"Type":"Task",
                 "Resource":"arn:aws:states:::states:startExecution.waitForTaskToken",
                 "Parameters":{"StateMachineArn":"%squick-child","Name":"child-2",
                   "Input":{"token.$":"$$.Task.Token","order.$":"$.order"}},
                 "ResultPath":"$.approval","End":true}}}""".formatted(MACHINES), "{\"order\":\"o-2\"}");
        String childArn = "arn:aws:states:us-east-1:000000000000:execution:quick-child:child-2";

        DescribeExecutionResponse child = describe(childArn);
        assertThat(child.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(describe(parent).status()).isEqualTo(ExecutionStatus.RUNNING);
        HistoryEvent submitted = history(parent).stream()
                .filter(e -> e.type() == HistoryEventType.TASK_SUBMITTED)
                .findFirst()
                .orElseThrow();
        assertThat(Json.parse(submitted.taskSubmittedEventDetails().output())
                        .get("ExecutionArn")
                        .asText())
                .isEqualTo(childArn);

        String token = Json.parse(child.output()).get("token").asText();
        server.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"approved\":true}"));

        DescribeExecutionResponse done = describe(parent);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.parse(done.output()))
                .isEqualTo(Json.parse("{\"order\":\"o-2\",\"approval\":{\"approved\":true}}"));
    }

    /**
     * Source: connect-lambda.html and connect-to-resource.html: with .waitForTaskToken the function's
     * own response only marks the task submitted; the task's result is what SendTaskSuccess sends, and
     * SendTaskFailure fails it with the sender's error and cause.
     */
    @Test
    void lambdaInvokeWaitForTaskTokenEndsWithTheCallbackNotTheFunctionsResponse() {
        String definition = """
                {"StartAt":"Notify","States":{"Notify":{"Type":"Task",
                 "Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
                 "Parameters":{"FunctionName":"remember","Payload":{"token.$":"$$.Task.Token","order.$":"$.order"}},
                 "End":true}}}""";
        String succeeding = start("lambda-callback", definition, "{\"order\":\"a\"}");
        String failing = server.sfn
                .startExecution(
                        b -> b.stateMachineArn(MACHINES + "lambda-callback").input("{\"order\":\"b\"}"))
                .executionArn();
        server.settle();

        assertThat(describe(succeeding).status()).isEqualTo(ExecutionStatus.RUNNING);
        HistoryEvent submitted = history(succeeding).stream()
                .filter(e -> e.type() == HistoryEventType.TASK_SUBMITTED)
                .findFirst()
                .orElseThrow();
        assertThat(Json.parse(submitted.taskSubmittedEventDetails().output()).get("Payload"))
                .isEqualTo(Json.parse("{\"queued\":true}"));

        server.sfn.sendTaskSuccess(b -> b.taskToken(tokensByOrder.get("a")).output("{\"sent\":1}"));
        server.sfn.sendTaskFailure(
                b -> b.taskToken(tokensByOrder.get("b")).error("Notify.Bounced").cause("no such address"));

        assertThat(describe(succeeding).output()).isEqualTo("{\"sent\":1}");
        DescribeExecutionResponse failed = describe(failing);
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("Notify.Bounced");
        assertThat(failed.cause()).isEqualTo("no such address");
    }
}
