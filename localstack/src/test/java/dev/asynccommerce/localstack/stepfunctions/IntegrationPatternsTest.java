package dev.asynccommerce.localstack.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.localstack.stepfunctions.integration.LocalFunctions;
import java.nio.charset.StandardCharsets;
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
    private final SfnServer server = new SfnServer(b -> b.localFunctions(IntegrationPatternsTest::invoke));

    private static LocalFunctions.Invocation invoke(String name, String qualifier, byte[] payload, boolean async) {
        String event = new String(payload, StandardCharsets.UTF_8);
        // Lambda accepts a name or an ARN; the engine passes on what the state machine wrote.
        String function = name.substring(name.lastIndexOf(':') + 1);
        return switch (function) {
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
}
