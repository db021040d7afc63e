package dev.asynccommerce.localstack.stepfunctions.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.localstack.clock.VirtualClock;
import dev.asynccommerce.localstack.spi.AwsJsonProtocol;
import dev.asynccommerce.localstack.stepfunctions.Json;
import dev.asynccommerce.localstack.stepfunctions.StepFunctionsApi;
import dev.asynccommerce.localstack.stepfunctions.StepFunctionsEngine;
import dev.asynccommerce.localstack.stepfunctions.integration.TaskCall;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One execution started by {@link AslHarness}: its status, output, error and history, and the
 * means to drive it on (send task tokens, advance the clock). Every method returns once the engine
 * has settled, so what it reports is what the execution has done so far.
 */
public final class AslRun implements AutoCloseable {
    private static final Duration SETTLE = Duration.ofSeconds(10);

    private final StepFunctionsEngine engine;
    private final StepFunctionsApi api;
    private final VirtualClock clock;
    private final String executionArn;
    private final List<TaskCall> recordedCalls;

    AslRun(
            StepFunctionsEngine engine,
            StepFunctionsApi api,
            VirtualClock clock,
            String executionArn,
            List<TaskCall> recordedCalls) {
        this.engine = engine;
        this.api = api;
        this.clock = clock;
        this.executionArn = executionArn;
        this.recordedCalls = recordedCalls;
    }

    static JsonNode call(StepFunctionsApi api, String operation, ObjectNode request) {
        AwsJsonProtocol.Response response = api.handle(
                StepFunctionsApi.TARGET_PREFIX + operation, Json.write(request).getBytes(StandardCharsets.UTF_8));
        JsonNode body = Json.parse(response.text());
        if (response.status() != 200) {
            throw new AssertionError(operation + " was refused: "
                    + body.path("__type").asText() + ": " + body.path("message").asText());
        }
        return body;
    }

    void settle() {
        if (!engine.awaitIdle(SETTLE)) {
            throw new AssertionError("the execution did not settle within " + SETTLE);
        }
    }

    public String executionArn() {
        return executionArn;
    }

    public StepFunctionsEngine engine() {
        return engine;
    }

    public StepFunctionsApi api() {
        return api;
    }

    public Instant now() {
        return clock.now();
    }

    private JsonNode describe() {
        settle();
        return call(api, "DescribeExecution", Json.object().put("executionArn", executionArn));
    }

    /** RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED. */
    public String status() {
        return describe().path("status").asText();
    }

    /** The output JSON text, or null while running or after a failure. */
    public String output() {
        JsonNode output = describe().get("output");
        return output == null ? null : output.asText();
    }

    public JsonNode outputJson() {
        String output = output();
        return output == null ? null : Json.parse(output);
    }

    public String error() {
        return describe().path("error").asText(null);
    }

    public String cause() {
        return describe().path("cause").asText(null);
    }

    /** The history events, each as GetExecutionHistory writes it. */
    public List<JsonNode> events() {
        settle();
        return api.historyOf(executionArn);
    }

    /** The history's event types in order. */
    public List<String> eventTypes() {
        return events().stream().map(e -> e.get("type").asText()).toList();
    }

    /** The names of the states entered, in order (branches and iterations interleaved as they ran). */
    public List<String> enteredStates() {
        return events().stream()
                .filter(e -> e.get("type").asText().endsWith("StateEntered"))
                .map(e -> e.get("stateEnteredEventDetails").get("name").asText())
                .toList();
    }

    /** Calls made to the recording callback integrations (sqs, events) by unstubbed token tasks. */
    public List<TaskCall> recordedCalls() {
        settle();
        return List.copyOf(recordedCalls);
    }

    /** The token of the task {@code stateName} is waiting with; fails if none is waiting. */
    public String taskToken(String stateName) {
        settle();
        return engine.openTasks().stream()
                .filter(t ->
                        t.executionArn().equals(executionArn) && t.stateName().equals(stateName))
                .map(StepFunctionsEngine.OpenTask::taskToken)
                .findFirst()
                .orElseThrow(() ->
                        new AssertionError("no task of state " + stateName + " is waiting for a token; " + "waiting: "
                                + engine.openTasks().stream()
                                        .map(StepFunctionsEngine.OpenTask::stateName)
                                        .toList()));
    }

    /** SendTaskSuccess for the task {@code stateName} waits with. */
    public AslRun sendTaskSuccess(String stateName, String outputJson) {
        call(
                api,
                "SendTaskSuccess",
                Json.object().put("taskToken", taskToken(stateName)).put("output", outputJson));
        settle();
        return this;
    }

    /** SendTaskFailure for the task {@code stateName} waits with. */
    public AslRun sendTaskFailure(String stateName, String error, String cause) {
        call(
                api,
                "SendTaskFailure",
                Json.object()
                        .put("taskToken", taskToken(stateName))
                        .put("error", error)
                        .put("cause", cause));
        settle();
        return this;
    }

    /** Moves the clock on, firing Wait states, timeouts, heartbeats and retry intervals on the way. */
    public AslRun advance(Duration duration) {
        clock.advance(duration);
        settle();
        return this;
    }

    /**
     * Advances the clock a day at a time (up to a year) until the execution ends; fails if it is
     * still running, i.e. waits for a token nobody sends.
     */
    public AslRun awaitEnd() {
        for (int day = 0; day < 366 && "RUNNING".equals(status()); day++) {
            if (!engine.openTasks().isEmpty() && clock.pendingTimers() == 0) {
                break;
            }
            advance(Duration.ofDays(1));
        }
        String status = status();
        if ("RUNNING".equals(status)) {
            throw new AssertionError("the execution is still running; waiting for tokens of "
                    + engine.openTasks().stream()
                            .map(StepFunctionsEngine.OpenTask::stateName)
                            .toList());
        }
        return this;
    }

    @Override
    public void close() {
        engine.close();
    }
}
