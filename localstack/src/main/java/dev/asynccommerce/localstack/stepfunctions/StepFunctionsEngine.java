package dev.asynccommerce.localstack.stepfunctions;

import static dev.asynccommerce.localstack.stepfunctions.History.details;
import static dev.asynccommerce.localstack.stepfunctions.History.truncated;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.localstack.clock.VirtualClock;
import dev.asynccommerce.localstack.spi.PersistentState;
import dev.asynccommerce.localstack.spi.TraceSegments;
import dev.asynccommerce.localstack.stepfunctions.integration.LambdaIntegration;
import dev.asynccommerce.localstack.stepfunctions.integration.LocalFunctions;
import dev.asynccommerce.localstack.stepfunctions.integration.ServiceIntegration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The Step Functions engine of the local stack: state machines, executions, task tokens, all time
 * on the stack's {@link VirtualClock}. {@link StepFunctionsApi} puts the AWS JSON 1.0 API in front
 * of it; other parts of the stack (EventBridge targets, the ASL test helper) may call {@link
 * #startExecution} directly.
 *
 * <p>Executions run on virtual threads. The engine registers itself with the clock as a {@link
 * VirtualClock.Quiescence}, so advancing the clock runs woken executions until they park again.
 *
 * <p>As a {@link PersistentState} ({@code "states"}), the engine carries its state machines and
 * executions over a restart of the stack, running executions included: see {@link EnginePersistence}
 * for what comes back and what does not.
 */
public final class StepFunctionsEngine implements AutoCloseable, PersistentState {
    private static final Logger LOG = LogManager.getLogger(StepFunctionsEngine.class);
    private static final Pattern NAME =
            Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\x00-\\x1f\\x7f-\\x9f]{1,80}");

    private final VirtualClock clock;
    private final String region;
    private final String accountId;
    private final Activity activity = new Activity();
    private final TaskTokens tokens;
    private final Interpreter interpreter = new Interpreter(this);
    private final Map<String, ServiceIntegration> integrations = new ConcurrentHashMap<>();
    private final LocalFunctions localFunctions;
    private final TaskInterceptor interceptor;
    private final TraceSegments segments;
    private final Map<String, StateMachine> machines = new ConcurrentHashMap<>();
    private final Map<String, Execution> executions = new ConcurrentHashMap<>();
    /** When the open task tokens carried over a restart last had a heartbeat, until their tasks reopen them. */
    private final Map<String, Instant> restoredHeartbeats = new ConcurrentHashMap<>();

    private StepFunctionsEngine(Builder builder) {
        this.clock = Objects.requireNonNull(builder.clock, "clock");
        this.tokens = new TaskTokens(clock::now);
        this.region = builder.region;
        this.accountId = builder.accountId;
        this.localFunctions = builder.localFunctions;
        this.interceptor = builder.interceptor;
        this.segments = builder.segments;
        if (localFunctions != null) {
            integrations.put("lambda", new LambdaIntegration(localFunctions));
        }
        integrations.put("states", new StatesIntegration(this));
        builder.integrations.forEach(i -> integrations.put(i.service(), i));
        clock.addQuiescence(activity);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Configures an engine. */
    public static final class Builder {
        private VirtualClock clock;
        private String region = "us-east-1";
        private String accountId = "000000000000";
        private LocalFunctions localFunctions;
        private TaskInterceptor interceptor;
        private TraceSegments segments = TraceSegments.DISCARD;
        private final List<ServiceIntegration> integrations = new ArrayList<>();

        private Builder() {}

        /** The stack clock; required. */
        public Builder clock(VirtualClock clock) {
            this.clock = clock;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        /** Lambda functions for {@code lambda:invoke} and bare function ARNs. */
        public Builder localFunctions(LocalFunctions functions) {
            this.localFunctions = functions;
            return this;
        }

        /** Adds (or, by service name, replaces) a service integration. */
        public Builder integration(ServiceIntegration integration) {
            this.integrations.add(integration);
            return this;
        }

        public Builder integrations(List<ServiceIntegration> integrations) {
            this.integrations.addAll(integrations);
            return this;
        }

        /** Stubs Task states (tests only). */
        public Builder taskInterceptor(TaskInterceptor interceptor) {
            this.interceptor = interceptor;
            return this;
        }

        /** Where sampled executions of state machines with tracing enabled record their X-Ray segments. */
        public Builder segments(TraceSegments segments) {
            this.segments = Objects.requireNonNull(segments, "segments");
            return this;
        }

        public StepFunctionsEngine build() {
            return new StepFunctionsEngine(this);
        }
    }

    VirtualClock clock() {
        return clock;
    }

    Activity activity() {
        return activity;
    }

    TaskTokens tokens() {
        return tokens;
    }

    String region() {
        return region;
    }

    String accountId() {
        return accountId;
    }

    LocalFunctions localFunctions() {
        return localFunctions;
    }

    TaskInterceptor interceptor() {
        return interceptor;
    }

    ServiceIntegration integration(String service) {
        return integrations.get(service);
    }

    /** A task waiting for its token: which execution, which state. */
    public record OpenTask(String taskToken, String executionArn, String stateName) {}

    /** Every task currently waiting for SendTaskSuccess/Failure. */
    public List<OpenTask> openTasks() {
        return tokens.openTasks();
    }

    /** Task tokens currently waiting for SendTaskSuccess/Failure (for tests and benchmarks). */
    public int openTaskTokens() {
        return tokens.openCount();
    }

    // ---- a restart of the stack (EnginePersistence)

    @Override
    public String stateName() {
        return "states";
    }

    @Override
    public JsonNode saveState() {
        return new EnginePersistence(this).save();
    }

    @Override
    public void restoreState(JsonNode state) {
        new EnginePersistence(this).restore(state);
    }

    Map<String, StateMachine> machineMap() {
        return machines;
    }

    Map<String, Execution> executionMap() {
        return executions;
    }

    Map<String, Instant> restoredHeartbeats() {
        return restoredHeartbeats;
    }

    /** When the task of {@code token}, open when the stack stopped, last had a heartbeat; null for any other token. */
    Instant restoredHeartbeat(String token) {
        return restoredHeartbeats.remove(token);
    }

    /**
     * Fails an execution whose re-run after a restart did not reproduce its recorded history (its
     * definition revision parses differently, the engine changed): rather than continue doing something
     * else than before the restart, it ends with States.Runtime and a cause naming the restart.
     */
    void replayFailed(Execution execution, String where) {
        String cause = "The execution could not be resumed after the local stack restarted: re-running it did not"
                + " reproduce its recorded history (" + where + ").";
        Instant now = clock.now();
        synchronized (execution) {
            if (execution.status() != Execution.Status.RUNNING) {
                return;
            }
            execution.history.add(
                    now,
                    execution.history.lastId(),
                    "ExecutionFailed",
                    "executionFailedEventDetails",
                    details("error", StatesError.Errors.RUNTIME, "cause", cause));
        }
        LOG.warn("execution {} failed: {}", execution.arn, cause);
        execution.finish(Execution.Status.FAILED, null, StatesError.Errors.RUNTIME, cause, now);
    }

    /** Re-runs a running execution carried over a restart, replaying its recorded history. */
    void resume(Execution execution) {
        Execution.Run run = execution.run();
        History.Event first = execution.history.event(run.firstEventId());
        Interpreter.Frame frame = new Interpreter.Frame(
                execution,
                execution.scope(),
                execution.variables,
                run.firstEventId(),
                first.timestamp(),
                execution.replay());
        Integer timeout = execution.definition.timeoutSeconds();
        if (timeout != null) {
            // Counted from the run's original start, as if the stack had never stopped.
            Instant runStart = execution.redriveDate() != null ? execution.redriveDate() : execution.startDate;
            execution.timeout(clock.schedule(runStart.plusSeconds(timeout), () -> timedOut(execution)));
        }
        run(execution, frame, run.resumeAt(), run.input());
    }

    /** Blocks until no execution is runnable (all finished or parked), or {@code limit} passes. */
    public boolean awaitIdle(Duration limit) {
        return activity.awaitIdle(limit);
    }

    @Override
    public void close() {
        clock.removeQuiescence(activity);
        executions
                .values()
                .forEach(e -> e.finish(
                        Execution.Status.ABORTED, null, "States.Aborted", "The local stack shut down", clock.now()));
    }

    /** Drops every state machine and execution (the stack's reset). */
    public void reset() {
        clearExecutions();
        machines.clear();
    }

    /** Stops running executions and forgets every execution and its history; machines stay. */
    public void clearExecutions() {
        executions
                .values()
                .forEach(e -> e.finish(
                        Execution.Status.ABORTED, null, "States.Aborted", "The local stack was reset", clock.now()));
        executions.clear();
        // Their tokens go too: a token of a forgotten execution is one that does not exist.
        tokens.clear();
        restoredHeartbeats.clear();
    }

    // ---- state machines

    StateMachine createStateMachine(String name, String definitionText, String roleArn, String type) {
        return createStateMachine(name, definitionText, roleArn, type, false);
    }

    StateMachine createStateMachine(
            String name, String definitionText, String roleArn, String type, boolean tracingEnabled) {
        validateName(name);
        boolean express = parseType(type);
        Definition definition = parseDefinition(definitionText);
        String arn = "arn:aws:states:" + region + ":" + accountId + ":stateMachine:" + name;
        StateMachine created = new StateMachine(
                arn,
                name,
                definitionText,
                definition,
                roleArn,
                express,
                clock.now(),
                UUID.randomUUID().toString(),
                tracingEnabled);
        StateMachine existing = machines.putIfAbsent(arn, created);
        if (existing != null) {
            if (existing.definitionText().equals(definitionText)
                    && Objects.equals(existing.roleArn(), roleArn)
                    && existing.express() == express
                    && existing.tracingEnabled() == tracingEnabled) {
                return existing;
            }
            throw new ApiException("StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
        }
        return created;
    }

    private static boolean parseType(String type) {
        if (type == null || "STANDARD".equals(type)) {
            return false;
        }
        if ("EXPRESS".equals(type)) {
            return true;
        }
        throw new ApiException(
                "ValidationException",
                "1 validation error detected: Value '" + type
                        + "' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]");
    }

    private static Definition parseDefinition(String text) {
        if (text == null) {
            throw new ApiException(
                    "ValidationException",
                    "1 validation error detected: Value null at 'definition' "
                            + "failed to satisfy constraint: Member must not be null");
        }
        try {
            return DefinitionParser.parse(text);
        } catch (DefinitionParser.InvalidDefinitionException e) {
            throw new ApiException("InvalidDefinition", e.getMessage());
        }
    }

    private static void validateName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ApiException("InvalidName", "Invalid Name: '" + name + "'");
        }
    }

    StateMachine updateStateMachine(String arn, String definitionText, String roleArn) {
        return updateStateMachine(arn, definitionText, roleArn, null);
    }

    /** UpdateStateMachine; {@code tracingEnabled} null keeps the current tracing configuration. */
    StateMachine updateStateMachine(String arn, String definitionText, String roleArn, Boolean tracingEnabled) {
        StateMachine current = machine(arn);
        if (definitionText == null && roleArn == null && tracingEnabled == null) {
            throw new ApiException(
                    "MissingRequiredParameter", "Either the definition or the roleArn must be specified");
        }
        Definition definition = definitionText == null ? current.definition() : parseDefinition(definitionText);
        StateMachine updated = new StateMachine(
                arn,
                current.name(),
                definitionText == null ? current.definitionText() : definitionText,
                definition,
                roleArn == null ? current.roleArn() : roleArn,
                current.express(),
                current.creationDate(),
                UUID.randomUUID().toString(),
                tracingEnabled == null ? current.tracingEnabled() : tracingEnabled);
        machines.put(arn, updated);
        return updated;
    }

    void deleteStateMachine(String arn) {
        validateArn(arn, "stateMachine");
        machines.remove(arn);
    }

    StateMachine machine(String arn) {
        validateArn(arn, "stateMachine");
        StateMachine machine = machines.get(arn);
        if (machine == null) {
            throw new ApiException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
        }
        return machine;
    }

    List<StateMachine> machines() {
        return machines.values().stream()
                .sorted(Comparator.comparing(StateMachine::name))
                .toList();
    }

    private void validateArn(String arn, String resourceType) {
        if (arn == null
                || !arn.startsWith("arn:aws:states:")
                || !arn.contains(":" + resourceType + ":")
                        && !("execution".equals(resourceType) && arn.contains(":express:"))) {
            throw new ApiException("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: " + arn + "'");
        }
    }

    // ---- executions

    /**
     * Starts an execution, as StartExecution does: the same name with the same input while it runs
     * answers the same execution; otherwise a reused name is ExecutionAlreadyExists.
     *
     * @return the execution ARN
     */
    public String startExecution(String stateMachineArn, String name, String input) {
        return start(stateMachineArn, name, input, null).arn;
    }

    /**
     * As {@link #startExecution(String, String, String)}, in the caller's X-Ray trace: {@code traceHeader}
     * (may be null) is the execution's {@code traceHeader}, and its tasks' calls continue that trace.
     */
    public String startExecution(String stateMachineArn, String name, String input, String traceHeader) {
        return start(stateMachineArn, name, input, traceHeader).arn;
    }

    Execution start(String stateMachineArn, String name, String inputText, String traceHeader) {
        StateMachine machine = machine(stateMachineArn);
        // A name generated for a child execution (states:startExecution) is the parent state's random
        // value: re-calling the task in a replay after a restart finds the same child.
        String executionName = name == null ? StateEnvironment.uuid().toString() : name;
        validateName(executionName);
        String text = inputText == null ? "{}" : inputText;
        JsonNode input = parseInput(text);
        String arn = machine.express()
                ? "arn:aws:states:" + region + ":" + accountId + ":express:" + machine.name() + ":" + executionName
                        + ":" + StateEnvironment.uuid()
                : "arn:aws:states:" + region + ":" + accountId + ":execution:" + machine.name() + ":" + executionName;
        Execution execution = new Execution(arn, executionName, machine, text, input, clock.now(), traceHeader);
        Execution existing = executions.putIfAbsent(arn, execution);
        if (existing != null) {
            if (existing.status() == Execution.Status.RUNNING && existing.input.equals(input)) {
                return existing;
            }
            throw new ApiException("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
        }
        execution.traced(ExecutionTrace.begin(machine, arn, traceHeader, execution.startDate, segments));
        ObjectNodeHolder.started(execution, clock.now());
        Integer timeout = machine.definition().timeoutSeconds();
        if (timeout != null) {
            execution.timeout(clock.schedule(execution.startDate.plusSeconds(timeout), () -> timedOut(execution)));
        }
        launch(execution, null, input);
        return execution;
    }

    private static JsonNode parseInput(String text) {
        if (Interpreter.overPayloadLimit(text)) {
            throw new ApiException(
                    "InvalidExecutionInput",
                    "Invalid State Machine Execution Input: 'Input exceeds the " + "maximum size of 262144 bytes'");
        }
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ApiException(
                    "InvalidExecutionInput", "Invalid State Machine Execution Input: '" + e.getMessage() + "'");
        }
    }

    private void launch(Execution execution, String startAt, JsonNode input) {
        // The execution's own variables, not fresh ones: a redrive resumes where the run failed, after
        // states whose Assign already ran and are not run again.
        History.Event started = execution.history.event(execution.history.lastId());
        Interpreter.Frame frame = new Interpreter.Frame(
                execution, execution.scope(), execution.variables, started.id(), started.timestamp(), null);
        execution.runStarted(startAt, input, frame.lastEventId);
        run(execution, frame, startAt, input);
    }

    private void run(Execution execution, Interpreter.Frame frame, String startAt, JsonNode input) {
        activity.spawn("sfn-" + execution.name, () -> {
            try {
                JsonNode output = interpreter.run(execution.definition, input, frame, startAt);
                String text = Json.write(output);
                synchronized (execution) {
                    if (execution.status() != Execution.Status.RUNNING) {
                        return;
                    }
                    interpreter.event(
                            frame,
                            "ExecutionSucceeded",
                            "executionSucceededEventDetails",
                            details("output", text, "outputDetails", truncated()));
                }
                execution.finish(Execution.Status.SUCCEEDED, text, null, null, clock.now());
            } catch (StatesError e) {
                fail(execution, frame, e);
            } catch (Scope.Aborted e) {
                // Stopped or timed out: whoever ended the execution wrote its last event.
            } catch (RuntimeException e) {
                LOG.error("execution {} failed inside the engine", execution.arn, e);
                fail(execution, frame, StatesError.runtime("Internal error in the local Step Functions engine: " + e));
            }
        });
    }

    private void fail(Execution execution, Interpreter.Frame frame, StatesError e) {
        // The event goes in before the status flips, so a caller that sees FAILED sees the whole history.
        synchronized (execution) {
            if (execution.status() != Execution.Status.RUNNING) {
                return;
            }
            interpreter.event(
                    frame,
                    "ExecutionFailed",
                    "executionFailedEventDetails",
                    details("error", e.error(), "cause", e.cause()));
        }
        execution.finish(Execution.Status.FAILED, null, e.error(), e.cause(), clock.now());
    }

    private void timedOut(Execution execution) {
        synchronized (execution) {
            if (execution.status() != Execution.Status.RUNNING) {
                return;
            }
            execution.history.add(
                    clock.now(),
                    execution.history.lastId(),
                    "ExecutionTimedOut",
                    "executionTimedOutEventDetails",
                    details("error", StatesError.Errors.TIMEOUT, "cause", "The execution timed out."));
        }
        execution.finish(
                Execution.Status.TIMED_OUT, null, StatesError.Errors.TIMEOUT, "The execution timed out.", clock.now());
    }

    Execution execution(String arn) {
        validateArn(arn, "execution");
        Execution execution = executions.get(arn);
        if (execution == null) {
            throw new ApiException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
        }
        return execution;
    }

    List<Execution> executions(String stateMachineArn, String statusFilter) {
        machine(stateMachineArn);
        return executions.values().stream()
                .filter(e -> e.machine.arn().equals(stateMachineArn))
                .filter(e -> statusFilter == null || e.status().name().equals(statusFilter))
                .sorted(Comparator.comparing((Execution e) -> e.startDate)
                        .reversed()
                        .thenComparing(e -> e.name))
                .toList();
    }

    Instant stop(String arn, String error, String cause) {
        Execution execution = execution(arn);
        synchronized (execution) {
            if (execution.status() != Execution.Status.RUNNING) {
                return execution.stopDate();
            }
            // Recorded on AWS (StopExecution of an execution parked in a Wait state): ExecutionAborted
            // chains to no event (previousEventId 0), its details empty when no error/cause was given,
            // and no <Type>StateAborted event is written for the state that was running.
            execution.history.add(
                    clock.now(),
                    0,
                    "ExecutionAborted",
                    "executionAbortedEventDetails",
                    details("error", error, "cause", cause));
        }
        Instant now = clock.now();
        execution.finish(Execution.Status.ABORTED, null, error, cause, now);
        return now;
    }

    Instant redrive(String arn) {
        Execution execution = execution(arn);
        String resumeAt;
        JsonNode resumeInput;
        Instant now = clock.now();
        synchronized (execution) {
            String reason = execution.notRedrivableReason(now);
            if (reason == null && execution.failedState() == null) {
                reason = "Execution is " + execution.status() + " and cannot be redriven.";
            }
            if (reason != null) {
                throw new ApiException("ExecutionNotRedrivable", reason);
            }
            resumeAt = execution.failedState();
            resumeInput = execution.failedInput();
            execution.redrive(now);
            execution.trace().reopened();
            execution.history.add(
                    now,
                    execution.history.lastId(),
                    "ExecutionRedriven",
                    "executionRedrivenEventDetails",
                    details("redriveCount", execution.redriveCount()));
        }
        Integer timeout = execution.definition.timeoutSeconds();
        if (timeout != null) {
            execution.timeout(clock.schedule(now.plusSeconds(timeout), () -> timedOut(execution)));
        }
        launch(execution, resumeAt, resumeInput);
        return now;
    }

    // ---- task tokens

    void sendTaskSuccess(String token, String output) {
        JsonNode parsed;
        try {
            parsed = Json.parse(output == null ? "" : output);
        } catch (IllegalArgumentException e) {
            throw new ApiException("InvalidOutput", "Invalid Output: '" + e.getMessage() + "'");
        }
        tokens.deliver(token, new TaskTokens.Success(parsed));
    }

    void sendTaskFailure(String token, String error, String cause) {
        tokens.deliver(token, new TaskTokens.Failure(error, cause));
    }

    void sendTaskHeartbeat(String token) {
        tokens.deliver(token, new TaskTokens.Heartbeat());
    }

    /** Writes ExecutionStarted; a holder so the event's shape sits in one place. */
    private static final class ObjectNodeHolder {
        static void started(Execution execution, Instant at) {
            execution.history.add(
                    at,
                    0,
                    "ExecutionStarted",
                    "executionStartedEventDetails",
                    details(
                            "input",
                            execution.inputText,
                            "inputDetails",
                            truncated(),
                            "roleArn",
                            execution.machine.roleArn()));
        }
    }
}
