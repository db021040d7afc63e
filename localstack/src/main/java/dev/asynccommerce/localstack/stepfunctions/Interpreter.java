package dev.asynccommerce.localstack.stepfunctions;

import static dev.asynccommerce.localstack.stepfunctions.History.details;
import static dev.asynccommerce.localstack.stepfunctions.History.truncated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.localstack.clock.VirtualClock;
import dev.asynccommerce.localstack.stepfunctions.Definition.Catcher;
import dev.asynccommerce.localstack.stepfunctions.Definition.ChoiceRule;
import dev.asynccommerce.localstack.stepfunctions.Definition.ChoiceState;
import dev.asynccommerce.localstack.stepfunctions.Definition.Common;
import dev.asynccommerce.localstack.stepfunctions.Definition.FailState;
import dev.asynccommerce.localstack.stepfunctions.Definition.MapState;
import dev.asynccommerce.localstack.stepfunctions.Definition.ParallelState;
import dev.asynccommerce.localstack.stepfunctions.Definition.PassState;
import dev.asynccommerce.localstack.stepfunctions.Definition.Retrier;
import dev.asynccommerce.localstack.stepfunctions.Definition.State;
import dev.asynccommerce.localstack.stepfunctions.Definition.SucceedState;
import dev.asynccommerce.localstack.stepfunctions.Definition.TaskState;
import dev.asynccommerce.localstack.stepfunctions.Definition.WaitState;
import dev.asynccommerce.localstack.stepfunctions.StatesError.Errors;
import dev.asynccommerce.localstack.stepfunctions.integration.IntegrationPattern;
import dev.asynccommerce.localstack.stepfunctions.integration.LambdaIntegration;
import dev.asynccommerce.localstack.stepfunctions.integration.ServiceIntegration;
import dev.asynccommerce.localstack.stepfunctions.integration.TaskCall;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs states: the States Language's semantics, one thread of control per execution, Parallel
 * branch and Map iteration (virtual threads), all time on the stack's {@link VirtualClock}.
 */
final class Interpreter {
    /**
     * The payload quota: 256 KiB of UTF-8 for a task's, state's or execution's input or output
     * (developer guide, service-quotas.html; the API reference counts these fields "as bytes in
     * UTF-8 encoding").
     */
    static final int MAX_PAYLOAD = 262_144;

    private static final long DEFAULT_TASK_TIMEOUT = 99_999_999L;
    private static final Pattern STATES_RESOURCE = Pattern.compile(
            "arn:aws[a-z-]*:states:::([a-zA-Z0-9-]+):([a-zA-Z0-9]+)(\\.sync(?::(\\d+))?|\\.waitForTaskToken)?");
    private static final Object ABORT = new Object();
    private static final Object TICK = new Object();

    private final StepFunctionsEngine engine;

    Interpreter(StepFunctionsEngine engine) {
        this.engine = engine;
    }

    /** One thread of control: the execution's main line, a Parallel branch or a Map iteration. */
    static final class Frame {
        final Execution execution;
        final Scope scope;
        final Variables variables;
        final boolean root;
        /** Where this thread of control sits: "" for the main line, "/Par[1]/Map[4]" in branches. */
        final String path;

        volatile long lastEventId;
        /**
         * When the last event was written (or, replaying, recorded), moved on to the due time of a Wait
         * or Retry interval that ended since: the execution's "now" for this thread of control ({@link
         * Interpreter#now}).
         */
        volatile Instant lastEventTime;
        /**
         * The recorded history this thread of control re-runs after a restart of the stack, or null once
         * it is live (went past what was recorded, or never replayed).
         */
        volatile Replay replay;
        /** The type of the state entered and not yet left ("Task"), for its StateAborted event. */
        volatile String openState;

        /**
         * The main line of a run that starts after event {@code lastEventId} (ExecutionStarted or
         * ExecutionRedriven), written at {@code lastEventTime}; it replays {@code replay} when not null.
         */
        Frame(
                Execution execution,
                Scope scope,
                Variables variables,
                long lastEventId,
                Instant lastEventTime,
                Replay replay) {
            this(execution, scope, variables, true, lastEventId, "", lastEventTime, replay);
        }

        private Frame(
                Execution execution,
                Scope scope,
                Variables variables,
                boolean root,
                long lastEventId,
                String path,
                Instant lastEventTime,
                Replay replay) {
            this.execution = execution;
            this.scope = scope;
            this.variables = variables;
            this.root = root;
            this.lastEventId = lastEventId;
            this.path = path;
            this.lastEventTime = lastEventTime;
            this.replay = replay;
        }

        Frame branch(Scope scope, String path) {
            return new Frame(
                    execution, scope, new Variables(variables), false, lastEventId, path, lastEventTime, replay);
        }
    }

    private record Step(JsonNode output, String next, boolean exited, Map<String, JsonNode> assigned) {}

    private VirtualClock clock() {
        return engine.clock();
    }

    long event(Frame frame, String type, String detailsName, ObjectNode details) {
        return write(frame, frame.lastEventId, type, detailsName, details, true);
    }

    /**
     * Writes an event chained to {@code previous}; with {@code advance}, the frame's next event chains to
     * it. While the frame replays, an event the recording has is not written again: its recorded id
     * (and time) stand for it. An event the recording does not have, where the recording goes on
     * differently, means the re-run left the recorded path: the execution fails rather than doing
     * something else than before the restart.
     */
    long write(Frame f, long previous, String type, String detailsName, ObjectNode details, boolean advance) {
        Replay replay = f.replay;
        if (replay != null) {
            History.Event recorded = replay.take(previous, type, detailsName, details);
            if (recorded != null) {
                if (advance) {
                    f.lastEventId = recorded.id();
                    f.lastEventTime = recorded.timestamp();
                }
                return recorded.id();
            }
            if (replay.continuesOtherwise(previous, type)) {
                History.Event expected = replay.after(previous).getFirst();
                String recordedEvent = describe(expected.type(), expected.details());
                String rerunEvent = describe(type, details);
                throw diverged(
                        f,
                        "at event #" + expected.id() + " the history has " + recordedEvent
                                + (recordedEvent.equals(rerunEvent)
                                        ? ", the re-run wrote it with other data"
                                        : ", the re-run wrote " + rerunEvent));
            }
            // Past what was recorded: this thread of control is live from here.
            f.replay = null;
        }
        Instant now = clock().now();
        long id = f.execution.history.add(now, previous, type, detailsName, details);
        if (advance) {
            f.lastEventId = id;
            f.lastEventTime = now;
        }
        return id;
    }

    /**
     * The execution's "now" for {@code frame}, which {@code $now()} and {@code $millis()} return and
     * Retry intervals and task timeouts count from: the time of the last event it wrote, or read back
     * from the recording while it replays, moved on to the due time of a Wait or Retry interval that
     * ended since ({@link #sleepUntil}). Not the stack clock: on a flowing clock that has moved on by
     * the time an expression is evaluated, by a little in the first run and by a lot in a replay after
     * a restart, and a re-run whose outputs differ from the recorded ones cannot be resumed. An
     * expression reads it once per evaluation ({@link AwsJsonataFunctions#registerAll}), so every
     * {@code $now()} of one evaluation agrees, as JSONata defines it.
     */
    Instant now(Frame frame) {
        return frame.lastEventTime;
    }

    private static String describe(String type, ObjectNode details) {
        JsonNode name = details == null ? null : details.get("name");
        return name == null ? type : type + " '" + name.asText() + "'";
    }

    /** Fails the execution whose replay left the recorded path; answers what unwinds the frame. */
    private Scope.Aborted diverged(Frame f, String where) {
        engine.replayFailed(f.execution, where);
        return Scope.Aborted.INSTANCE;
    }

    /** Runs {@code definition} from {@code startAt} (its StartAt when null); answers the output. */
    JsonNode run(Definition definition, JsonNode input, Frame frame, String startAt) {
        String current = startAt != null ? startAt : definition.startAt();
        JsonNode data = input;
        while (true) {
            frame.scope.checkActive();
            State state = definition.states().get(current);
            String prefix = state.common().type();
            if (frame.root) {
                frame.execution.enteredTopLevel(state.name(), data);
            }
            String inputText = Json.write(data);
            long beforeEntered = frame.lastEventId;
            long enteredId = event(
                    frame,
                    prefix + "StateEntered",
                    "stateEnteredEventDetails",
                    details("name", state.name(), "input", inputText, "inputDetails", truncated()));
            // The event's time, which a replay reads back from the recording: EnteredTime, Wait's start.
            Instant entered = frame.lastEventTime;
            Step step;
            frame.openState = prefix;
            StateEnvironment outer =
                    StateEnvironment.bind(StateEnvironment.seed(frame.execution.seed, enteredId), () -> now(frame));
            try {
                step = execute(state, data, frame, entered, enteredId);
                frame.openState = null;
            } catch (StatesError e) {
                if (e.location() != null) {
                    evaluationFailed(frame, state, e, beforeEntered);
                }
                throw e;
            } finally {
                StateEnvironment.restore(outer);
            }
            if (step.exited()) {
                String outputText = Json.write(step.output());
                if (overPayloadLimit(outputText)) {
                    // A Task, Parallel or Map state's output was checked where its Catch sees it; this
                    // is the check for the states that have no Catch.
                    throw outputTooBig(state);
                }
                ObjectNode exited = details("name", state.name(), "output", outputText, "outputDetails", truncated());
                if (step.assigned() != null && !step.assigned().isEmpty()) {
                    ObjectNode vars = exited.putObject("assignedVariables");
                    step.assigned().forEach((k, v) -> vars.put(k, Json.write(v)));
                    exited.set("assignedVariablesDetails", truncated());
                }
                event(frame, prefix + "StateExited", "stateExitedEventDetails", exited);
            }
            if (step.next() == null) {
                return step.output();
            }
            current = step.next();
            data = step.output();
        }
    }

    /** Whether {@code text} is over {@link #MAX_PAYLOAD}, counted in UTF-8 bytes. */
    static boolean overPayloadLimit(String text) {
        int units = text.length();
        // A UTF-16 unit is 1 to 3 bytes of UTF-8 (a surrogate pair, two units, is 4): most texts are
        // decided without counting.
        if (units > MAX_PAYLOAD) {
            return true;
        }
        if (units * 3L <= MAX_PAYLOAD) {
            return false;
        }
        long bytes = 0;
        for (int i = 0; i < units; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < units && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes > MAX_PAYLOAD;
    }

    /**
     * States.DataLimitExceeded for a result or output over the quota (the cause as AWS words it for
     * a state's result). The error-handling page calls it a terminal error that States.ALL cannot
     * catch; a catcher naming it matches it by name, as any other error ({@link #matching}).
     */
    private static StatesError outputTooBig(State state) {
        return new StatesError(
                Errors.DATA_LIMIT_EXCEEDED,
                "The state/task '" + state.name()
                        + "' returned a result with a size exceeding the maximum number of bytes service limit.");
    }

    /**
     * States.DataLimitExceeded for a state input over the quota after Parameters (or Arguments), one
     * of the three cases the error-handling page lists. The cause is ours: no AWS wording recorded.
     */
    private static void requireInputWithinLimit(State state, JsonNode effectiveInput) {
        if (overPayloadLimit(Json.write(effectiveInput))) {
            throw new StatesError(
                    Errors.DATA_LIMIT_EXCEEDED,
                    "The state/task '" + state.name()
                            + "' has an input with a size exceeding the maximum number of bytes service limit.");
        }
    }

    /**
     * A JSONata failure leaving the state: AWS writes an EvaluationFailed event naming the state and
     * the field, chained (recorded) to the event before the state's StateEntered event.
     */
    private void evaluationFailed(Frame frame, State state, StatesError e, long previous) {
        write(
                frame,
                previous,
                "EvaluationFailed",
                "evaluationFailedEventDetails",
                details("error", e.error(), "cause", e.cause(), "location", e.location(), "state", state.name()),
                true);
    }

    /**
     * AWS words every States.Runtime and States.QueryEvaluationError cause as "An error occurred
     * while executing the state 'S' (entered at the event id #N). ..." (recorded causes, e.g. for a
     * Parameters path that matches nothing and for a JSONata Output that yields nothing).
     */
    private static StatesError located(StatesError e, State state, long enteredId) {
        if (Errors.RUNTIME.equals(e.error()) || Errors.QUERY_EVALUATION_ERROR.equals(e.error())) {
            return e.locatedIn(state.name(), enteredId);
        }
        return e;
    }

    private Step execute(State state, JsonNode raw, Frame frame, Instant entered, long enteredId) {
        try {
            return executeState(state, raw, frame, entered, enteredId);
        } catch (StatesError e) {
            throw located(e, state, enteredId);
        }
    }

    private Step executeState(State state, JsonNode raw, Frame frame, Instant entered, long enteredId) {
        return switch (state) {
            case PassState pass -> pass(pass, raw, frame, entered, enteredId);
            case TaskState task ->
                withRetryAndCatch(
                        state,
                        raw,
                        frame,
                        entered,
                        enteredId,
                        retryCount -> task(task, raw, frame, entered, enteredId, retryCount));
            case ChoiceState choice -> choice(choice, raw, frame, entered, enteredId);
            case WaitState wait -> waitState(wait, raw, frame, entered, enteredId);
            case SucceedState succeed -> succeed(succeed, raw, frame, entered, enteredId);
            case FailState fail -> throw fail(fail, raw, frame, entered, enteredId);
            case ParallelState parallel ->
                withRetryAndCatch(
                        state,
                        raw,
                        frame,
                        entered,
                        enteredId,
                        retryCount -> parallel(parallel, raw, frame, entered, enteredId, retryCount));
            case MapState map ->
                withRetryAndCatch(
                        state,
                        raw,
                        frame,
                        entered,
                        enteredId,
                        retryCount -> map(map, raw, frame, entered, enteredId, retryCount));
        };
    }

    // ---- context object and path resolution

    ObjectNode context(Frame frame, String stateName, Instant entered, int retryCount, String token) {
        Execution execution = frame.execution;
        ObjectNode context = Json.object();
        ObjectNode exec = context.putObject("Execution");
        exec.put("Id", execution.arn);
        exec.set("Input", execution.input);
        exec.put("Name", execution.name);
        exec.put("RoleArn", execution.machine.roleArn());
        exec.put("StartTime", Timestamps.context(execution.startDate));
        exec.put("RedriveCount", execution.redriveCount());
        if (execution.redriveDate() != null) {
            exec.put("RedriveTime", Timestamps.context(execution.redriveDate()));
        }
        ObjectNode state = context.putObject("State");
        state.put("EnteredTime", Timestamps.context(entered));
        state.put("Name", stateName);
        state.put("RetryCount", retryCount);
        ObjectNode machine = context.putObject("StateMachine");
        machine.put("Id", execution.machine.arn());
        machine.put("Name", execution.machine.name());
        if (token != null) {
            context.putObject("Task").put("Token", token);
        }
        return context;
    }

    private static boolean isVariableRef(String path) {
        return path.length() > 1
                && path.charAt(0) == '$'
                && path.charAt(1) != '.'
                && path.charAt(1) != '['
                && path.charAt(1) != '$';
    }

    Optional<JsonNode> resolve(String path, JsonNode input, JsonNode context, Variables variables) {
        if (path.startsWith("$$")) {
            return JsonPaths.read(context, "$" + path.substring(2));
        }
        if (isVariableRef(path)) {
            int end = 1;
            while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                end++;
            }
            JsonNode value = variables.get(path.substring(1, end));
            if (value == null) {
                return Optional.empty();
            }
            return JsonPaths.read(value, "$" + path.substring(end));
        }
        return JsonPaths.read(input, path);
    }

    private JsonNode applyInputPath(String path, JsonNode raw, State state, long enteredId, JsonNode context, Frame f) {
        if (path == null) {
            return Json.object();
        }
        if ("$".equals(path)) {
            return raw;
        }
        return resolve(path, raw, context, f.variables)
                .orElseThrow(() -> StatesError.runtime(
                        "An error occurred while executing the state '" + state.name() + "' (entered at the event id #"
                                + enteredId + "). Invalid path '" + path + "' : " + JsonPaths.notFound(raw, path)));
    }

    private JsonNode applyOutputPath(
            String path, JsonNode data, State state, long enteredId, JsonNode context, Frame f) {
        if (path == null) {
            return Json.object();
        }
        if ("$".equals(path)) {
            return data;
        }
        return resolve(path, data, context, f.variables)
                .orElseThrow(() -> StatesError.runtime(
                        "An error occurred while executing the state '" + state.name() + "' (entered at the event id #"
                                + enteredId + "). Invalid path '" + path + "' : " + JsonPaths.notFound(data, path)));
    }

    private JsonNode applyResultPath(String path, JsonNode raw, JsonNode result, State state, long enteredId) {
        if (path == null) {
            return raw;
        }
        if ("$".equals(path)) {
            return result;
        }
        try {
            return JsonPaths.write(raw, path, result);
        } catch (StatesError e) {
            throw StatesError.runtime("An error occurred while executing the state '" + state.name()
                    + "' (entered at the event id #" + enteredId + "). " + e.cause());
        }
    }

    /** Evaluates a payload template (Parameters, ResultSelector, ItemSelector, Assign). */
    JsonNode payload(JsonNode template, JsonNode input, JsonNode context, Variables variables) {
        if (template instanceof ObjectNode object) {
            ObjectNode out = Json.object();
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                String key = e.getKey();
                if (key.endsWith(".$") && e.getValue().isTextual()) {
                    String expression = e.getValue().asText();
                    String field = key.substring(0, key.length() - 2);
                    out.set(field, dynamic(expression, key, input, context, variables));
                } else {
                    out.set(key, payload(e.getValue(), input, context, variables));
                }
            }
            return out;
        }
        if (template instanceof ArrayNode array) {
            ArrayNode out = Json.array();
            array.forEach(item -> out.add(payload(item, input, context, variables)));
            return out;
        }
        return template;
    }

    JsonNode dynamic(String expression, String key, JsonNode input, JsonNode context, Variables variables) {
        if (expression.startsWith("States.")) {
            return Intrinsics.evaluate(
                    expression,
                    path -> resolve(path, input, context, variables)
                            .orElseThrow(() -> StatesError.runtime("The function '" + expression
                                    + "' had the following error: The JsonPath argument for the field '" + path
                                    + "' could not be found in the input '" + Json.write(input) + "'")));
        }
        return resolve(expression, input, context, variables)
                .orElseThrow(() -> StatesError.runtime("The JSONPath '" + expression + "' specified for the field '"
                        + key + "' could not be found in the input '"
                        + Json.write(expression.startsWith("$$") ? context : input) + "'"));
    }

    // ---- JSONata

    private Map<String, JsonNode> bindings(
            Frame frame, JsonNode input, JsonNode context, JsonNode result, JsonNode errorOutput) {
        Map<String, JsonNode> bindings = new LinkedHashMap<>(frame.variables.visible());
        ObjectNode states = Json.object();
        states.set("input", input);
        states.set("context", context);
        if (result != null) {
            states.set("result", result);
        }
        if (errorOutput != null) {
            states.set("errorOutput", errorOutput);
        }
        bindings.put("states", states);
        return bindings;
    }

    private static JsonNode required(JsonNode value, String field) {
        if (value == null) {
            throw new StatesError(
                    Errors.QUERY_EVALUATION_ERROR,
                    "The JSONata expression for the field '" + field + "' returned nothing (undefined).");
        }
        return value;
    }

    // ---- Assign

    private Map<String, JsonNode> assign(
            Common common,
            JsonNode assignTemplate,
            JsonNode data,
            JsonNode context,
            Frame frame,
            Map<String, JsonNode> jsonataBindings) {
        if (assignTemplate == null) {
            return Map.of();
        }
        // Every Assign expression sees the variables as they were before this state assigned any.
        JsonNode evaluated = common.jsonata()
                ? Jsonata.template(assignTemplate, jsonataBindings, "Assign")
                : payload(assignTemplate, data, context, frame.variables);
        Map<String, JsonNode> values = new LinkedHashMap<>();
        evaluated.properties().forEach(e -> values.put(e.getKey(), e.getValue()));
        frame.variables.assignAll(values);
        return values;
    }

    // ---- states

    private Step pass(PassState pass, JsonNode raw, Frame f, Instant entered, long enteredId) {
        Common c = pass.common();
        JsonNode context = context(f, pass.name(), entered, 0, null);
        if (c.jsonata()) {
            Map<String, JsonNode> b = bindings(f, raw, context, null, null);
            JsonNode output = c.output() == null ? raw : Jsonata.template(c.output(), b, "Output");
            Map<String, JsonNode> assigned = assign(c, c.assign(), raw, context, f, b);
            return new Step(output, c.next(), true, assigned);
        }
        JsonNode effective = applyInputPath(c.inputPath(), raw, pass, enteredId, context, f);
        if (c.parameters() != null) {
            effective = payload(c.parameters(), effective, context, f.variables);
        }
        JsonNode result = pass.result() != null ? pass.result() : effective;
        Map<String, JsonNode> assigned = assign(c, c.assign(), result, context, f, null);
        JsonNode combined = applyResultPath(c.resultPath(), raw, result, pass, enteredId);
        return new Step(
                applyOutputPath(c.outputPath(), combined, pass, enteredId, context, f), c.next(), true, assigned);
    }

    private Step succeed(SucceedState succeed, JsonNode raw, Frame f, Instant entered, long enteredId) {
        Common c = succeed.common();
        JsonNode context = context(f, succeed.name(), entered, 0, null);
        if (c.jsonata()) {
            JsonNode output = c.output() == null
                    ? raw
                    : Jsonata.template(c.output(), bindings(f, raw, context, null, null), "Output");
            return new Step(output, null, true, null);
        }
        JsonNode effective = applyInputPath(c.inputPath(), raw, succeed, enteredId, context, f);
        return new Step(applyOutputPath(c.outputPath(), effective, succeed, enteredId, context, f), null, true, null);
    }

    private StatesError fail(FailState fail, JsonNode raw, Frame f, Instant entered, long enteredId) {
        Common c = fail.common();
        JsonNode context = context(f, fail.name(), entered, 0, null);
        String error;
        String cause;
        if (c.jsonata()) {
            Map<String, JsonNode> b = bindings(f, raw, context, null, null);
            error = textOf(Jsonata.template(fail.error(), b));
            cause = textOf(Jsonata.template(fail.cause(), b));
        } else {
            error = fail.errorPath() != null
                    ? textOf(dynamic(fail.errorPath(), "ErrorPath", raw, context, f.variables))
                    : textOf(fail.error());
            cause = fail.causePath() != null
                    ? textOf(dynamic(fail.causePath(), "CausePath", raw, context, f.variables))
                    : textOf(fail.cause());
        }
        return new StatesError(error, cause);
    }

    private static String textOf(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isTextual() ? node.asText() : Json.write(node);
    }

    private Step choice(ChoiceState choice, JsonNode raw, Frame f, Instant entered, long enteredId) {
        Common c = choice.common();
        JsonNode context = context(f, choice.name(), entered, 0, null);
        if (c.jsonata()) {
            Map<String, JsonNode> b = bindings(f, raw, context, null, null);
            for (ChoiceRule rule : choice.choices()) {
                JsonNode condition = Jsonata.template(rule.rule().get("Condition"), b);
                if (condition == null || !condition.isBoolean()) {
                    throw new StatesError(
                            Errors.QUERY_EVALUATION_ERROR,
                            "The Condition of a Choice rule in state '" + choice.name()
                                    + "' must evaluate to a boolean");
                }
                if (condition.asBoolean()) {
                    JsonNode output = rule.output() != null
                            ? Jsonata.template(rule.output(), b, "Output")
                            : c.output() != null ? Jsonata.template(c.output(), b, "Output") : raw;
                    Map<String, JsonNode> assigned =
                            assign(c, rule.assign() != null ? rule.assign() : c.assign(), raw, context, f, b);
                    return new Step(output, rule.next(), true, assigned);
                }
            }
            if (choice.defaultState() == null) {
                throw new StatesError(Errors.NO_CHOICE_MATCHED, "No Matches!");
            }
            JsonNode output = c.output() != null ? Jsonata.template(c.output(), b, "Output") : raw;
            return new Step(output, choice.defaultState(), true, assign(c, c.assign(), raw, context, f, b));
        }
        JsonNode effective = applyInputPath(c.inputPath(), raw, choice, enteredId, context, f);
        String next = null;
        JsonNode ruleAssign = null;
        for (ChoiceRule rule : choice.choices()) {
            if (Choices.matches(rule.rule(), path -> resolve(path, effective, context, f.variables), choice.name())) {
                next = rule.next();
                ruleAssign = rule.assign();
                break;
            }
        }
        if (next == null) {
            next = choice.defaultState();
            ruleAssign = c.assign();
        }
        if (next == null) {
            throw new StatesError(Errors.NO_CHOICE_MATCHED, "No Matches!");
        }
        Map<String, JsonNode> assigned = assign(c, ruleAssign, effective, context, f, null);
        return new Step(
                applyOutputPath(c.outputPath(), effective, choice, enteredId, context, f), next, true, assigned);
    }

    private Step waitState(WaitState wait, JsonNode raw, Frame f, Instant entered, long enteredId) {
        Common c = wait.common();
        JsonNode context = context(f, wait.name(), entered, 0, null);
        JsonNode effective = c.jsonata() ? raw : applyInputPath(c.inputPath(), raw, wait, enteredId, context, f);
        Map<String, JsonNode> b = c.jsonata() ? bindings(f, raw, context, null, null) : null;
        Instant due;
        if (wait.seconds() != null || wait.secondsPath() != null) {
            JsonNode seconds = wait.seconds() != null
                    ? (c.jsonata() ? Jsonata.template(wait.seconds(), b, "Seconds") : wait.seconds())
                    : dynamic(wait.secondsPath(), "SecondsPath", effective, context, f.variables);
            if (!seconds.isIntegralNumber() || seconds.asLong() < 0) {
                throw StatesError.runtime(
                        "The SecondsPath parameter does not reference a valid integer value: " + Json.write(seconds));
            }
            due = entered.plusSeconds(seconds.asLong());
        } else {
            JsonNode stamp = wait.timestamp() != null
                    ? (c.jsonata() ? Jsonata.template(wait.timestamp(), b, "Timestamp") : wait.timestamp())
                    : dynamic(wait.timestampPath(), "TimestampPath", effective, context, f.variables);
            Instant at = stamp.isTextual() ? Timestamps.parse(stamp.asText()) : null;
            if (at == null) {
                throw StatesError.runtime(
                        "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: "
                                + Json.write(stamp));
            }
            due = at;
        }
        sleepUntil(due, f);
        if (c.jsonata()) {
            JsonNode output = c.output() != null ? Jsonata.template(c.output(), b, "Output") : raw;
            return new Step(output, c.next(), true, assign(c, c.assign(), raw, context, f, b));
        }
        Map<String, JsonNode> assigned = assign(c, c.assign(), effective, context, f, null);
        return new Step(
                applyOutputPath(c.outputPath(), effective, wait, enteredId, context, f), c.next(), true, assigned);
    }

    /** Writes a task's failed or timed-out event: its error and cause, with the resource it called. */
    private long taskEnded(
            Frame f, String type, String detailsName, String service, String resource, StatesError error) {
        return event(
                f,
                type,
                detailsName,
                details("resourceType", service, "resource", resource, "error", error.error(), "cause", error.cause()));
    }

    /**
     * Parks until the stack clock reaches {@code due}; unwinds if the scope is cancelled first. The
     * frame's "now" is then {@code due} (or stays where it was, when later), in a replay as in the
     * first run, whenever the clock actually woke it.
     */
    void sleepUntil(Instant due, Frame f) {
        Replay replay = f.replay;
        if (replay != null) {
            if (!replay.after(f.lastEventId).isEmpty()) {
                // The recording goes on past this wait: it had ended before the stack stopped, at its due time.
                wokeAt(due, f);
                return;
            }
            // Nothing was recorded past this wait, which had not ended when the stack stopped: live from here.
            f.replay = null;
        }
        if (due.isAfter(clock().now())) {
            Activity.Signal<Object> signal = engine.activity().signal();
            VirtualClock.Timer timer = clock().schedule(due, () -> signal.complete(TICK));
            Runnable deregister = f.scope.onCancel(() -> signal.complete(ABORT));
            Object outcome = signal.await();
            deregister.run();
            timer.cancel();
            if (outcome == ABORT) {
                throw Scope.Aborted.INSTANCE;
            }
        }
        wokeAt(due, f);
    }

    private static void wokeAt(Instant due, Frame f) {
        if (due.isAfter(f.lastEventTime)) {
            f.lastEventTime = due;
        }
    }

    // ---- Retry and Catch

    @FunctionalInterface
    private interface Attempt {
        Step run(int retryCount);
    }

    private Step withRetryAndCatch(
            State state, JsonNode raw, Frame f, Instant entered, long enteredId, Attempt attempt) {
        Common c = state.common();
        int[] attempts = new int[c.retry().size()];
        int retryCount = 0;
        while (true) {
            try {
                Step step;
                try {
                    step = attempt.run(retryCount);
                } catch (StatesError raw0) {
                    throw located(raw0, state, enteredId);
                }
                // Inside the try, so a Retry or Catch naming States.DataLimitExceeded handles it.
                if (overPayloadLimit(Json.write(step.output()))) {
                    throw outputTooBig(state);
                }
                return step;
            } catch (StatesError e) {
                int r = matching(c.retry().stream().map(Retrier::errorEquals).toList(), e);
                if (r >= 0 && attempts[r] < c.retry().get(r).maxAttempts()) {
                    Retrier retrier = c.retry().get(r);
                    double delay = retrier.intervalSeconds() * Math.pow(retrier.backoffRate(), attempts[r]);
                    if (retrier.maxDelaySeconds() != null) {
                        delay = Math.min(delay, retrier.maxDelaySeconds());
                    }
                    if (retrier.fullJitter()) {
                        // The state's random values: a replay after a restart waits as long.
                        delay = StateEnvironment.random().nextDouble() * delay;
                    }
                    attempts[r]++;
                    retryCount++;
                    sleepUntil(now(f).plusMillis((long) (delay * 1000)), f);
                    f.scope.checkActive();
                    continue;
                }
                int k = matching(c.catchers().stream().map(Catcher::errorEquals).toList(), e);
                if (k < 0) {
                    throw e;
                }
                Catcher catcher = c.catchers().get(k);
                ObjectNode errorOutput = Json.object();
                errorOutput.put("Error", e.error());
                // A cause-less error (States.Timeout) reaches Catch as "Cause": "" (recorded on AWS).
                errorOutput.put("Cause", e.cause() == null ? "" : e.cause());
                JsonNode context = context(f, state.name(), entered, retryCount, null);
                if (c.jsonata()) {
                    Map<String, JsonNode> b = bindings(f, raw, context, null, errorOutput);
                    JsonNode output =
                            catcher.output() != null ? Jsonata.template(catcher.output(), b, "Output") : errorOutput;
                    assign(c, catcher.assign(), errorOutput, context, f, b);
                    return new Step(output, catcher.next(), false, null);
                }
                assign(c, catcher.assign(), errorOutput, context, f, null);
                return new Step(
                        applyResultPath(catcher.resultPath(), raw, errorOutput, state, enteredId),
                        catcher.next(),
                        false,
                        null);
            }
        }
    }

    /** Index of the first ErrorEquals list matching {@code error}, as the spec's matching rules say. */
    static int matching(List<List<String>> lists, StatesError e) {
        String error = e.error();
        boolean terminal = Errors.RUNTIME.equals(error) || Errors.DATA_LIMIT_EXCEEDED.equals(error);
        for (int i = 0; i < lists.size(); i++) {
            List<String> names = lists.get(i);
            if (names.contains(error) || e.heartbeat() && names.contains(Errors.HEARTBEAT_TIMEOUT)) {
                return i;
            }
            if (!terminal && names.contains(Errors.ALL)) {
                return i;
            }
            if (!terminal && names.contains(Errors.TASK_FAILED) && !Errors.TIMEOUT.equals(error)) {
                return i;
            }
        }
        return -1;
    }

    // ---- Task

    private Step task(TaskState task, JsonNode raw, Frame f, Instant entered, long enteredId, int retryCount) {
        Common c = task.common();
        Matcher m = STATES_RESOURCE.matcher(task.resource());
        boolean serviceIntegration = m.matches();
        IntegrationPattern pattern = IntegrationPattern.REQUEST_RESPONSE;
        String variant = "";
        if (serviceIntegration && m.group(3) != null) {
            if (m.group(3).startsWith(".sync")) {
                pattern = IntegrationPattern.RUN_JOB;
                variant = m.group(4) == null ? "" : m.group(4);
            } else {
                pattern = IntegrationPattern.WAIT_FOR_TASK_TOKEN;
            }
        }
        // One token per attempt, the same again when the attempt is replayed after a restart.
        String token = pattern == IntegrationPattern.WAIT_FOR_TASK_TOKEN
                ? f.execution.taskToken(enteredId, retryCount, engine.tokens()::issue)
                : null;
        JsonNode context = context(f, task.name(), entered, retryCount, token);
        Map<String, JsonNode> b = c.jsonata() ? bindings(f, raw, context, null, null) : null;
        JsonNode parameters;
        if (c.jsonata()) {
            parameters = c.arguments() == null ? raw : Jsonata.template(c.arguments(), b, "Arguments");
        } else {
            JsonNode effective = applyInputPath(c.inputPath(), raw, task, enteredId, context, f);
            parameters = c.parameters() == null ? effective : payload(c.parameters(), effective, context, f.variables);
        }
        requireInputWithinLimit(task, parameters);
        long timeout = seconds(
                task.timeoutSeconds(),
                task.timeoutSecondsPath(),
                raw,
                context,
                f,
                b,
                "TimeoutSeconds",
                DEFAULT_TASK_TIMEOUT);
        long heartbeat = seconds(
                task.heartbeatSeconds(), task.heartbeatSecondsPath(), raw, context, f, b, "HeartbeatSeconds", 0);

        Optional<TaskInterceptor.Outcome> stub = engine.interceptor() == null
                ? Optional.empty()
                : engine.interceptor().intercept(task.name(), task.resource(), parameters, retryCount);
        JsonNode result;
        if (stub.isPresent()) {
            result = stubbed(
                    task,
                    serviceIntegration ? m.group(1) : "lambda",
                    serviceIntegration ? resourceName(m.group(2), pattern, variant) : task.resource(),
                    parameters,
                    stub.get(),
                    f);
        } else if (serviceIntegration) {
            result = runIntegration(
                    task, m.group(1), m.group(2), pattern, variant, parameters, token, timeout, heartbeat, f);
        } else {
            result = runLambdaFunction(task, parameters, timeout, f);
        }
        // The connector's output, before ResultSelector/ResultPath shape it (error-handling page).
        if (overPayloadLimit(Json.write(result))) {
            throw outputTooBig(task);
        }

        return finishWithResult(c, task, raw, result, context, f, enteredId);
    }

    private long seconds(
            JsonNode value,
            String path,
            JsonNode raw,
            JsonNode context,
            Frame f,
            Map<String, JsonNode> b,
            String field,
            long fallback) {
        JsonNode resolved;
        if (value != null) {
            resolved = value.isTextual() && b != null ? Jsonata.template(value, b, field) : value;
        } else if (path != null) {
            resolved = dynamic(path, field + "Path", raw, context, f.variables);
        } else {
            return fallback;
        }
        if (!resolved.isIntegralNumber() || resolved.asLong() <= 0) {
            throw StatesError.runtime("The " + field + " value must be a positive integer: " + Json.write(resolved));
        }
        return resolved.asLong();
    }

    private String resourceName(String action, IntegrationPattern pattern, String variant) {
        return action + pattern.suffix() + (variant.isEmpty() ? "" : ":" + variant);
    }

    private JsonNode runIntegration(
            TaskState task,
            String service,
            String action,
            IntegrationPattern pattern,
            String variant,
            JsonNode parameters,
            String token,
            long timeout,
            long heartbeat,
            Frame f) {
        ServiceIntegration integration = engine.integration(service);
        String resource = resourceName(action, pattern, variant);
        ObjectNode scheduled = details(
                "resourceType",
                service,
                "resource",
                resource,
                "region",
                engine.region(),
                "parameters",
                Json.write(parameters));
        if (timeout != DEFAULT_TASK_TIMEOUT) {
            scheduled.put("timeoutInSeconds", timeout);
        }
        if (heartbeat > 0) {
            scheduled.put("heartbeatInSeconds", heartbeat);
        }
        event(f, "TaskScheduled", "taskScheduledEventDetails", scheduled);
        if (integration == null || !integration.supports(action, pattern)) {
            StatesError error = StatesError.runtime("The resource '" + task.resource()
                    + "' is not supported by the local Step Functions engine or has no integration configured.");
            taskEnded(f, "TaskFailed", "taskFailedEventDetails", service, resource, error);
            throw error;
        }
        event(f, "TaskStarted", "taskStartedEventDetails", details("resourceType", service, "resource", resource));
        ExecutionTrace.Span span =
                f.execution.trace().task(task.name(), engine.clock().now());
        TaskCall call = new TaskCall(
                task.resource(), service, action, pattern, variant, parameters, f.execution.arn, token, span.header());
        Object outcome = awaitTask(task.name(), f, timeout, heartbeat, token, signal -> {
            CompletionStage<JsonNode> stage;
            try {
                stage = integration.call(call);
            } catch (RuntimeException e) {
                signal.complete(asStatesError(e));
                return;
            }
            stage.whenComplete((value, failure) -> {
                if (failure != null) {
                    signal.complete(asStatesError(failure));
                } else if (pattern == IntegrationPattern.WAIT_FOR_TASK_TOKEN) {
                    event(
                            f,
                            "TaskSubmitted",
                            "taskSubmittedEventDetails",
                            details(
                                    "resourceType",
                                    service,
                                    "resource",
                                    resource,
                                    "output",
                                    Json.write(value),
                                    "outputDetails",
                                    truncated()));
                } else {
                    signal.complete(value);
                }
            });
        });
        span.end(engine.clock().now(), !(outcome instanceof JsonNode));
        if (outcome instanceof JsonNode value) {
            event(
                    f,
                    "TaskSucceeded",
                    "taskSucceededEventDetails",
                    details(
                            "resourceType",
                            service,
                            "resource",
                            resource,
                            "output",
                            Json.write(value),
                            "outputDetails",
                            truncated()));
            return value;
        }
        StatesError error = (StatesError) outcome;
        boolean timedOut = Errors.TIMEOUT.equals(error.error());
        synchronized (f.execution) {
            // Under the execution's lock, so that a saved state never has the event without knowing its kind.
            long id = taskEnded(
                    f,
                    timedOut ? "TaskTimedOut" : "TaskFailed",
                    timedOut ? "taskTimedOutEventDetails" : "taskFailedEventDetails",
                    service,
                    resource,
                    error);
            if (error.heartbeat()) {
                f.execution.heartbeatTimedOut(id);
            }
        }
        throw error;
    }

    private JsonNode stubbed(
            TaskState task,
            String service,
            String resource,
            JsonNode parameters,
            TaskInterceptor.Outcome stub,
            Frame f) {
        event(
                f,
                "TaskScheduled",
                "taskScheduledEventDetails",
                details(
                        "resourceType",
                        service,
                        "resource",
                        resource,
                        "region",
                        engine.region(),
                        "parameters",
                        Json.write(parameters)));
        event(f, "TaskStarted", "taskStartedEventDetails", details("resourceType", service, "resource", resource));
        switch (stub) {
            case TaskInterceptor.Return r -> {
                event(
                        f,
                        "TaskSucceeded",
                        "taskSucceededEventDetails",
                        details(
                                "resourceType",
                                service,
                                "resource",
                                resource,
                                "output",
                                Json.write(r.result()),
                                "outputDetails",
                                truncated()));
                return r.result();
            }
            case TaskInterceptor.Throw t -> {
                event(
                        f,
                        "TaskFailed",
                        "taskFailedEventDetails",
                        details("resourceType", service, "resource", resource, "error", t.error(), "cause", t.cause()));
                throw new StatesError(t.error(), t.cause());
            }
        }
    }

    private JsonNode runLambdaFunction(TaskState task, JsonNode parameters, long timeout, Frame f) {
        if (!task.resource().contains(":lambda:") || engine.localFunctions() == null) {
            StatesError error = StatesError.runtime("The resource '" + task.resource()
                    + "' is not supported by the local Step Functions engine (activities are not emulated).");
            throw error;
        }
        ObjectNode scheduled =
                details("resource", task.resource(), "input", Json.write(parameters), "inputDetails", truncated());
        if (timeout != DEFAULT_TASK_TIMEOUT) {
            scheduled.put("timeoutInSeconds", timeout);
        }
        event(f, "LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", scheduled);
        event(f, "LambdaFunctionStarted", null, null);
        ExecutionTrace.Span span =
                f.execution.trace().task(task.name(), engine.clock().now());
        Object outcome = awaitTask(task.name(), f, timeout, 0, null, signal -> {
            try {
                signal.complete(LambdaIntegration.invokeForPayload(
                        engine.localFunctions(), task.resource(), parameters, span.header()));
            } catch (RuntimeException e) {
                signal.complete(asStatesError(e));
            }
        });
        span.end(engine.clock().now(), !(outcome instanceof JsonNode));
        if (outcome instanceof JsonNode value) {
            event(
                    f,
                    "LambdaFunctionSucceeded",
                    "lambdaFunctionSucceededEventDetails",
                    details("output", Json.write(value), "outputDetails", truncated()));
            return value;
        }
        StatesError error = (StatesError) outcome;
        boolean timedOut = Errors.TIMEOUT.equals(error.error());
        event(
                f,
                timedOut ? "LambdaFunctionTimedOut" : "LambdaFunctionFailed",
                timedOut ? "lambdaFunctionTimedOutEventDetails" : "lambdaFunctionFailedEventDetails",
                details("error", error.error(), "cause", error.cause()));
        throw error;
    }

    static StatesError asStatesError(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof StatesError e) {
            return e;
        }
        return new StatesError(Errors.TASK_FAILED, t.getClass().getSimpleName() + ": " + t.getMessage());
    }

    /**
     * Waits for a task's outcome (a JsonNode result or a StatesError) racing its TimeoutSeconds, its
     * HeartbeatSeconds, its task token and the scope's cancellation.
     */
    private Object awaitTask(
            String stateName,
            Frame f,
            long timeout,
            long heartbeat,
            String token,
            java.util.function.Consumer<Activity.Signal<Object>> start) {
        // Timeouts count from the task's start (its Started event): in a replay, its recorded start.
        Instant startedAt = now(f);
        Instant aliveAt = startedAt;
        boolean call = true;
        boolean replaying = f.replay != null;
        if (replaying) {
            RecordedTask recorded = recordedTask(f);
            if (recorded.outcome() != null) {
                // The task had ended before the restart: its service is not called again.
                return recorded.outcome();
            }
            // A call that had returned (its token still open) is not made again; one in flight is.
            call = !recorded.submitted();
            Instant heartbeatAt = token == null ? null : engine.restoredHeartbeat(token);
            if (heartbeatAt != null) {
                aliveAt = heartbeatAt;
            }
        }
        Activity.Signal<Object> signal = engine.activity().signal();
        VirtualClock.Timer timeoutTimer = clock().schedule(
                        startedAt.plusSeconds(timeout),
                        () -> signal.complete(
                                // AWS reports a task timeout with no cause (recorded TaskTimedOut events).
                                new StatesError(Errors.TIMEOUT, null)));
        AtomicReference<VirtualClock.Timer> heartbeatTimer = new AtomicReference<>();
        java.util.function.Consumer<Instant> armHeartbeat = alive -> {
            if (heartbeat > 0) {
                VirtualClock.Timer previous = heartbeatTimer.getAndSet(clock().schedule(
                                alive.plusSeconds(heartbeat), () -> signal.complete(StatesError.heartbeatTimeout())));
                if (previous != null) {
                    previous.cancel();
                }
            }
        };
        armHeartbeat.accept(aliveAt);
        if (token != null) {
            engine.tokens()
                    .open(
                            token,
                            new StepFunctionsEngine.OpenTask(token, f.execution.arn, stateName),
                            aliveAt,
                            outcome -> {
                                switch (outcome) {
                                    case TaskTokens.Success s -> signal.complete(s.output());
                                    case TaskTokens.Failure fail ->
                                        signal.complete(new StatesError(fail.error(), fail.cause()));
                                    case TaskTokens.Heartbeat h -> armHeartbeat.accept(clock().now());
                                }
                            });
        }
        Runnable deregister = f.scope.onCancel(() -> signal.complete(ABORT));
        if (call) {
            start.accept(signal);
        }
        Object outcome = signal.await();
        deregister.run();
        timeoutTimer.cancel();
        VirtualClock.Timer hb = heartbeatTimer.get();
        if (hb != null) {
            hb.cancel();
        }
        if (token != null) {
            engine.tokens().close(token);
        }
        if (outcome == ABORT) {
            throw Scope.Aborted.INSTANCE;
        }
        if (replaying) {
            // Nothing was recorded after a task that had not ended: live from here.
            f.replay = null;
        }
        return outcome;
    }

    /**
     * What the recording says of the task whose start {@code f} has just replayed.
     *
     * @param submitted whether its call had returned (a {@code .waitForTaskToken} task waiting for its token)
     * @param outcome its result (JsonNode) or error (StatesError) when it had ended, else null
     */
    private record RecordedTask(boolean submitted, Object outcome) {}

    private RecordedTask recordedTask(Frame f) {
        Replay replay = f.replay;
        long startedId = f.lastEventId;
        History.Event submitted = replay.after(startedId).stream()
                .filter(e -> "TaskSubmitted".equals(e.type()))
                .findFirst()
                .orElse(null);
        // The outcome follows the submission, or the start when the token was answered before the call
        // returned.
        List<Long> outcomeFollows = submitted == null ? List.of(startedId) : List.of(submitted.id(), startedId);
        for (long previous : outcomeFollows) {
            for (History.Event next : replay.after(previous)) {
                Object outcome = recordedOutcome(f.execution, next);
                if (outcome != null) {
                    if (submitted != null) {
                        replay.take(submitted);
                        if (previous == submitted.id()) {
                            f.lastEventId = submitted.id();
                            f.lastEventTime = submitted.timestamp();
                        }
                    }
                    return new RecordedTask(submitted != null, outcome);
                }
            }
        }
        if (submitted != null) {
            replay.take(submitted);
            f.lastEventId = submitted.id();
            f.lastEventTime = submitted.timestamp();
            return new RecordedTask(true, null);
        }
        return new RecordedTask(false, null);
    }

    private static Object recordedOutcome(Execution execution, History.Event event) {
        ObjectNode d = event.details();
        return switch (event.type()) {
            case "TaskSucceeded", "LambdaFunctionSucceeded" ->
                Json.parse(d.path("output").asText());
            case "TaskFailed", "LambdaFunctionFailed" -> new StatesError(text(d, "error"), text(d, "cause"));
            case "TaskTimedOut", "LambdaFunctionTimedOut" ->
                execution.wasHeartbeatTimeout(event.id())
                        ? StatesError.heartbeatTimeout()
                        : new StatesError(text(d, "error"), text(d, "cause"));
            default -> null;
        };
    }

    private static String text(ObjectNode details, String field) {
        JsonNode value = details == null ? null : details.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    // ---- Parallel

    private Step parallel(
            ParallelState parallel, JsonNode raw, Frame f, Instant entered, long enteredId, int retryCount) {
        Common c = parallel.common();
        JsonNode context = context(f, parallel.name(), entered, retryCount, null);
        Map<String, JsonNode> b = c.jsonata() ? bindings(f, raw, context, null, null) : null;
        JsonNode input;
        if (c.jsonata()) {
            input = c.arguments() == null ? raw : Jsonata.template(c.arguments(), b, "Arguments");
        } else {
            input = applyInputPath(c.inputPath(), raw, parallel, enteredId, context, f);
            if (c.parameters() != null) {
                input = payload(c.parameters(), input, context, f.variables);
            }
        }
        requireInputWithinLimit(parallel, input);
        event(f, "ParallelStateStarted", null, null);
        JsonNode branchInput = input;
        List<Definition> branches = parallel.branches();
        ArrayNode results = fanOut(
                f,
                branches.size(),
                0,
                i -> branchFrame -> run(branches.get(i), branchInput, branchFrame, null),
                null,
                "ParallelState",
                parallel.name(),
                -1,
                -1);
        return finishWithResult(c, parallel, raw, results, context, f, enteredId);
    }

    /** A Task, Parallel or Map state's end: its result through Output, or ResultSelector/ResultPath/OutputPath. */
    private Step finishWithResult(
            Common c, State state, JsonNode raw, JsonNode results, JsonNode context, Frame f, long enteredId) {
        if (c.jsonata()) {
            Map<String, JsonNode> rb = bindings(f, raw, context, results, null);
            JsonNode output = c.output() != null ? Jsonata.template(c.output(), rb, "Output") : results;
            return new Step(output, c.next(), true, assign(c, c.assign(), raw, context, f, rb));
        }
        JsonNode selected =
                c.resultSelector() == null ? results : payload(c.resultSelector(), results, context, f.variables);
        Map<String, JsonNode> assigned = assign(c, c.assign(), selected, context, f, null);
        JsonNode combined = applyResultPath(c.resultPath(), raw, selected, state, enteredId);
        return new Step(
                applyOutputPath(c.outputPath(), combined, state, enteredId, context, f), c.next(), true, assigned);
    }

    @FunctionalInterface
    private interface Branch {
        JsonNode run(Frame frame);
    }

    /**
     * Runs {@code count} branches (at most {@code maxConcurrency} at once, 0 = all), collecting
     * their outputs in order. The first failure beyond the tolerated count cancels the rest and is
     * rethrown once every branch has stopped.
     */
    private ArrayNode fanOut(
            Frame f,
            int count,
            int maxConcurrency,
            IntFunction<Branch> branches,
            String iterationPrefix,
            String statePrefix,
            String stateName,
            int toleratedCount,
            double toleratedPercentage) {
        Scope scope = f.scope.child();
        String key = f.path + "/" + stateName;
        // The ParallelStateStarted/MapStateStarted event: seeds each branch's random values (ItemSelector).
        long startedId = f.lastEventId;
        JsonNode[] results = new JsonNode[count];
        AtomicReference<StatesError> failure = new AtomicReference<>();
        // The event that failed the state: AWS chains every abort event and <Type>StateFailed to it.
        java.util.concurrent.atomic.AtomicLong failingEvent = new java.util.concurrent.atomic.AtomicLong(-1);
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger remaining = new AtomicInteger(count);
        Activity.Signal<Object> done = engine.activity().signal();
        Runnable deregister = f.scope.onCancel(() -> done.complete(ABORT));
        Deque<Integer> pending = new ArrayDeque<>();
        for (int i = 0; i < count; i++) {
            pending.add(i);
        }
        Object lock = new Object();
        Runnable[] launchNext = new Runnable[1];
        launchNext[0] = () -> {
            Integer index;
            int neverStarted = 0;
            synchronized (lock) {
                if (scope.isCancelled()) {
                    neverStarted = pending.size();
                    pending.clear();
                    index = null;
                } else {
                    index = pending.poll();
                }
            }
            if (index == null) {
                // Items a failure (or MaxConcurrency, then a failure) kept from starting are done too,
                // or the state would wait for them forever.
                if (neverStarted > 0 && remaining.addAndGet(-neverStarted) == 0) {
                    done.complete(TICK);
                }
                return;
            }
            int i = index;
            String branchPath = key + "[" + i + "]";
            Frame branchFrame = f.branch(scope, branchPath);
            engine.activity().spawn(stateName + "-" + i, () -> {
                StateEnvironment.bind(StateEnvironment.seed(f.execution.seed, startedId, i), () -> now(branchFrame));
                try {
                    try {
                        JsonNode reused = f.execution.takeRedrivenBranch(branchPath);
                        if (reused != null) {
                            // Redrive re-runs only the branches and iterations that did not succeed.
                            results[i] = reused;
                            f.execution.branchSucceeded(branchPath, reused);
                            return;
                        }
                        if (iterationPrefix != null) {
                            event(
                                    branchFrame,
                                    iterationPrefix + "IterationStarted",
                                    "mapIterationStartedEventDetails",
                                    details("name", stateName, "index", i));
                        }
                        results[i] = branches.apply(i).run(branchFrame);
                        f.execution.branchSucceeded(branchPath, results[i]);
                        if (iterationPrefix != null) {
                            event(
                                    branchFrame,
                                    iterationPrefix + "IterationSucceeded",
                                    "mapIterationSucceededEventDetails",
                                    details("name", stateName, "index", i));
                        }
                    } catch (StatesError e) {
                        long failedAt = branchFrame.lastEventId;
                        if (iterationPrefix != null) {
                            event(
                                    branchFrame,
                                    iterationPrefix + "IterationFailed",
                                    "mapIterationFailedEventDetails",
                                    details("name", stateName, "index", i));
                        }
                        int failed = failures.incrementAndGet();
                        ObjectNode errorOutput =
                                Json.object().put("Error", e.error()).put("Cause", e.cause() == null ? "" : e.cause());
                        results[i] = errorOutput;
                        boolean thresholds = toleratedCount >= 0 || toleratedPercentage >= 0;
                        boolean tolerated = thresholds
                                && (toleratedCount < 0 || failed <= toleratedCount)
                                && (toleratedPercentage < 0 || failed * 100.0 / count <= toleratedPercentage);
                        if (!tolerated) {
                            StatesError reported = thresholds
                                    ? new StatesError(
                                            Errors.EXCEED_TOLERATED_FAILURE_THRESHOLD,
                                            "The specified tolerated failure threshold was exceeded")
                                    : e;
                            if (failure.compareAndSet(null, reported)) {
                                failingEvent.set(failedAt);
                                scope.cancel();
                            }
                        }
                        stateAborted(branchFrame, failingEvent.get() < 0 ? failedAt : failingEvent.get());
                    } catch (Scope.Aborted e) {
                        // A sibling's failure aborted this branch (recorded on AWS: the iteration's
                        // MapIterationAborted, then its running state's <Type>StateAborted, both chained to
                        // the failing event). A stopped execution writes neither (recorded: only
                        // ExecutionAborted).
                        long failedAt = failingEvent.get();
                        if (!f.scope.isCancelled() && failedAt >= 0) {
                            if (iterationPrefix != null) {
                                write(
                                        branchFrame,
                                        failedAt,
                                        iterationPrefix + "IterationAborted",
                                        "mapIterationAbortedEventDetails",
                                        details("name", stateName, "index", i),
                                        false);
                            }
                            stateAborted(branchFrame, failedAt);
                        }
                    } catch (RuntimeException e) {
                        if (failure.compareAndSet(null, StatesError.runtime("Internal error: " + e))) {
                            scope.cancel();
                        }
                    } finally {
                        if (remaining.decrementAndGet() == 0) {
                            done.complete(TICK);
                        } else {
                            launchNext[0].run();
                        }
                    }
                } catch (Scope.Aborted stopped) {
                    // A replay left its recording while this branch wrote its last events: the execution
                    // has failed already (Interpreter.write).
                }
            });
        };
        if (count == 0) {
            done.complete(TICK);
        }
        int initial = maxConcurrency <= 0 ? count : Math.min(maxConcurrency, count);
        for (int i = 0; i < initial; i++) {
            launchNext[0].run();
        }
        Object outcome = done.await();
        deregister.run();
        scope.close();
        if (outcome == ABORT) {
            throw Scope.Aborted.INSTANCE;
        }
        if (scope.isCancelled() && failure.get() == null) {
            throw Scope.Aborted.INSTANCE;
        }
        // Items never launched because a failure cancelled the rest leave gaps; the failure wins.
        StatesError error = failure.get();
        if (error != null) {
            write(f, failingEvent.get(), statePrefix + "Failed", null, null, true);
            throw error;
        }
        f.execution.forgetBranches(key + "[");
        event(f, statePrefix + "Succeeded", null, null);
        ArrayNode out = Json.array();
        for (JsonNode r : results) {
            out.add(r);
        }
        return out;
    }

    /** Writes {@code <Type>StateAborted} for the state a branch was running when it stopped. */
    private void stateAborted(Frame branch, long previous) {
        String open = branch.openState;
        // A Fail state ends its branch by failing it; it is not a state left running.
        if (open != null && !"Fail".equals(open)) {
            branch.openState = null;
            write(branch, previous, open + "StateAborted", null, null, false);
        }
    }

    // ---- Map

    private Step map(MapState map, JsonNode raw, Frame f, Instant entered, long enteredId, int retryCount) {
        Common c = map.common();
        JsonNode context = context(f, map.name(), entered, retryCount, null);
        Map<String, JsonNode> b = c.jsonata() ? bindings(f, raw, context, null, null) : null;
        JsonNode effective;
        JsonNode items;
        if (c.jsonata()) {
            effective = raw;
            items = map.items() == null ? raw : Jsonata.template(map.items(), b, "Items");
            if (!items.isArray()) {
                // Recorded AWS causes for both forms (QueryEvaluationError).
                throw StatesError.queryEvaluation(
                        map.items() == null
                                ? "Map state input must be an array but was: " + Json.write(items)
                                : "The JSONata expression '" + Jsonata.expressionOf(map.items())
                                        + "' specified for the field 'Items' returned an unexpected result type. "
                                        + "Expected 'array', but was '" + Json.typeName(items) + "' for value: "
                                        + Json.write(items),
                        "Items");
            }
        } else {
            effective = applyInputPath(c.inputPath(), raw, map, enteredId, context, f);
            items = "$".equals(map.itemsPath())
                    ? effective
                    : resolve(map.itemsPath(), effective, context, f.variables)
                            .orElseThrow(() -> StatesError.runtime("Invalid path '" + map.itemsPath()
                                    + "' : No results for path: " + map.itemsPath()));
        }
        if (!items.isArray()) {
            throw StatesError.runtime("Map state input must be an array: the ItemsPath '" + map.itemsPath()
                    + "' does not reference a JSON array: " + Json.write(items));
        }
        int maxConcurrency = (int)
                count(map.maxConcurrency(), map.maxConcurrencyPath(), effective, context, f, b, "MaxConcurrency", 0);
        int toleratedCount = (int) count(
                map.toleratedFailureCount(),
                map.toleratedFailureCountPath(),
                effective,
                context,
                f,
                b,
                "ToleratedFailureCount",
                -1);
        double toleratedPercentage = count(
                map.toleratedFailurePercentage(),
                map.toleratedFailurePercentagePath(),
                effective,
                context,
                f,
                b,
                "ToleratedFailurePercentage",
                -1);
        if (toleratedPercentage > 100) {
            throw StatesError.runtime("ToleratedFailurePercentage must be between 0 and 100.");
        }
        event(f, "MapStateStarted", "mapStateStartedEventDetails", details("length", items.size()));
        JsonNode itemsArray = items;
        JsonNode input = effective;
        ArrayNode results = fanOut(
                f,
                items.size(),
                maxConcurrency,
                i -> itemFrame -> {
                    JsonNode value = itemsArray.get(i);
                    JsonNode iterationInput = value;
                    if (map.itemSelector() != null) {
                        ObjectNode itemContext = context(f, map.name(), entered, retryCount, null);
                        ObjectNode item = itemContext.putObject("Map").putObject("Item");
                        item.put("Index", i);
                        item.set("Value", value);
                        iterationInput = c.jsonata()
                                ? Jsonata.template(
                                        map.itemSelector(), bindings(f, raw, itemContext, null, null), "ItemSelector")
                                : payload(map.itemSelector(), input, itemContext, itemFrame.variables);
                    }
                    return run(map.processor(), iterationInput, itemFrame, null);
                },
                "Map",
                "MapState",
                map.name(),
                toleratedCount,
                toleratedPercentage);
        return finishWithResult(c, map, raw, results, context, f, enteredId);
    }

    private double count(
            JsonNode value,
            String path,
            JsonNode input,
            JsonNode context,
            Frame f,
            Map<String, JsonNode> b,
            String field,
            double fallback) {
        JsonNode resolved;
        if (value != null) {
            resolved = value.isTextual() && b != null ? Jsonata.template(value, b, field) : value;
        } else if (path != null) {
            resolved = dynamic(path, field + "Path", input, context, f.variables);
            boolean percentage = "ToleratedFailurePercentage".equals(field);
            if (!resolved.isNumber() || !percentage && !resolved.isIntegralNumber()) {
                // Recorded AWS cause: The ToleratedFailureCountPath field refers to value "NoNumber"
                // which is not a valid integer: $.ToleratedFailureCount ("valid float" for the percentage).
                throw StatesError.runtime("The " + field + "Path field refers to value \""
                        + (resolved.isTextual() ? resolved.asText() : Json.write(resolved)) + "\" which is not a valid "
                        + (percentage ? "float" : "integer") + ": " + path);
            }
        } else {
            return fallback;
        }
        if (!resolved.isNumber() || resolved.decimalValue().compareTo(BigDecimal.ZERO) < 0) {
            // Recorded AWS cause: "ToleratedFailureCount cannot be negative."
            throw StatesError.runtime(field + " cannot be negative.");
        }
        return resolved.asDouble();
    }
}
