package dev.asynccommerce.localstack.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.localstack.spi.PersistentState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * What {@code ./local-stack --persist DIR} carries of the Step Functions engine over a restart, as plain
 * JSON ({@code "version": 1}; payloads are kept as JSON text, so that any JSON reader keeps them exact).
 *
 * <p>What comes back:
 *
 * <ul>
 *   <li>State machines. One the deployment created again keeps the deployment's definition (the template
 *       wins); one it did not (created through the API) comes back as it was, with its creation date and
 *       revision id.
 *   <li>Every execution, whatever its status: DescribeExecution, ListExecutions and GetExecutionHistory
 *       answer as before (same ARN, same events with the same ids and timestamps); StartExecution with
 *       its name answers as for any existing execution; a FAILED, TIMED_OUT or ABORTED one can be
 *       redriven (its variables and succeeded branches are kept).
 *   <li>Running executions resume: each is run again from the start of its current run, replaying its
 *       recorded history ({@link Replay}). Events already recorded are not written again; tasks whose
 *       outcome is recorded get that outcome without their service being called; a {@code
 *       .waitForTaskToken} task that was waiting reopens the same token, its TimeoutSeconds counting
 *       from its recorded start and its HeartbeatSeconds from its last heartbeat; a Wait, or a Retry's
 *       interval, ends at its original due time; the execution's TimeoutSeconds counts from its original
 *       start. Random values and the current time the run sees are the recorded ones ({@link
 *       StateEnvironment}). A re-run that does not reproduce its history fails with States.Runtime
 *       rather than go on differently.
 *   <li>Closed task tokens, so that a late SendTaskSuccess still answers TaskTimedOut.
 * </ul>
 *
 * <p>At least once: a task that had been called but had neither ended nor (for {@code
 * .waitForTaskToken}) had its call return when the stack stopped, a Lambda invocation in flight say, is
 * called again. Not carried over: X-Ray segments of a resumed execution (its tasks call on without a
 * trace header), the redrive of an Express execution (never possible), and anything of a machine or
 * execution that fails to parse (skipped with a warning).
 */
final class EnginePersistence {
    static final int VERSION = 1;
    private static final Logger LOG = LogManager.getLogger(EnginePersistence.class);
    /** How long a restore waits for the resumed executions to replay up to where they had been. */
    private static final Duration REPLAY_LIMIT = Duration.ofSeconds(30);

    private final StepFunctionsEngine engine;

    EnginePersistence(StepFunctionsEngine engine) {
        this.engine = engine;
    }

    // ---- save

    JsonNode save() {
        ObjectNode state = Json.object();
        state.put("version", VERSION);
        ArrayNode machines = state.putArray("stateMachines");
        engine.machineMap().values().stream()
                .sorted(Comparator.comparing(StateMachine::arn))
                .forEach(m -> machines.add(machine(m)));
        ArrayNode executions = state.putArray("executions");
        engine.executionMap().values().stream()
                .sorted(Comparator.comparing((Execution e) -> e.startDate).thenComparing(e -> e.arn))
                .forEach(e -> executions.add(execution(e)));
        ArrayNode open = state.putArray("openTaskTokens");
        for (StepFunctionsEngine.OpenTask task : engine.openTasks()) {
            Instant alive = engine.tokens().lastHeartbeat(task.taskToken());
            if (alive != null) {
                open.addObject()
                        .put("taskToken", task.taskToken())
                        .put("executionArn", task.executionArn())
                        .put("stateName", task.stateName())
                        .put("lastHeartbeat", alive.toString());
            }
        }
        ArrayNode closed = state.putArray("closedTaskTokens");
        for (TaskTokens.Closed token : engine.tokens().closedTokens()) {
            closed.addObject()
                    .put("taskToken", token.token())
                    .put("closedAt", token.at().toString());
        }
        return state;
    }

    private static ObjectNode machine(StateMachine m) {
        return Json.object()
                .put("stateMachineArn", m.arn())
                .put("name", m.name())
                .put("definition", m.definitionText())
                .put("roleArn", m.roleArn())
                .put("type", m.type())
                .put("creationDate", m.creationDate().toString())
                .put("revisionId", m.revisionId())
                .put("tracingEnabled", m.tracingEnabled());
    }

    private static ObjectNode execution(Execution e) {
        ObjectNode out = Json.object();
        // One consistent picture under the execution's lock, though its threads may still be running.
        synchronized (e) {
            List<History.Event> events = e.history.snapshot();
            out.put("executionArn", e.arn)
                    .put("name", e.name)
                    .put("stateMachineArn", e.machine.arn())
                    .put("stateMachineName", e.machine.name())
                    .put("roleArn", e.machine.roleArn())
                    .put("type", e.machine.type())
                    .put("definition", e.definitionText)
                    .put("input", e.inputText)
                    .put("startDate", e.startDate.toString())
                    .put("traceHeader", e.traceHeader)
                    .put("seed", e.seed)
                    .put("status", e.status().name())
                    .put("stopDate", instant(e.stopDate()))
                    .put("output", e.output())
                    .put("error", e.error())
                    .put("cause", e.cause())
                    .put("redriveCount", e.redriveCount())
                    .put("redriveDate", instant(e.redriveDate()))
                    .put("failedState", e.failedState())
                    .put("failedInput", e.failedInput() == null ? null : Json.write(e.failedInput()));
            out.set("variables", texts(e.variables.own()));
            out.set("succeededBranches", texts(e.succeededBranches()));
            Execution.Run run = e.run();
            if (run != null) {
                ObjectNode r = out.putObject("run");
                r.put("resumeAt", run.resumeAt())
                        .put("input", Json.write(run.input()))
                        .put("firstEventId", run.firstEventId());
                r.set("variables", texts(run.variables()));
                r.set("reusedBranches", texts(run.reusedBranches()));
            }
            ObjectNode tokens = out.putObject("taskTokens");
            e.issuedTokens().forEach(tokens::put);
            ArrayNode heartbeats = out.putArray("heartbeatTimeouts");
            e.heartbeatTimeouts().stream().sorted().forEach(heartbeats::add);
            ArrayNode history = out.putArray("history");
            for (History.Event event : events) {
                ObjectNode h = history.addObject()
                        .put("id", event.id())
                        .put("previousEventId", event.previousEventId())
                        .put("timestamp", event.timestamp().toString())
                        .put("type", event.type());
                if (event.detailsName() != null) {
                    h.put("detailsName", event.detailsName());
                    h.set("details", event.details().deepCopy());
                }
            }
        }
        return out;
    }

    private static String instant(Instant at) {
        return at == null ? null : at.toString();
    }

    private static ObjectNode texts(Map<String, JsonNode> values) {
        ObjectNode out = Json.object();
        values.forEach((k, v) -> out.put(k, Json.write(v)));
        return out;
    }

    // ---- restore

    void restore(JsonNode state) {
        if (!PersistentState.isVersion(state, VERSION, engine.stateName())) {
            return;
        }
        for (JsonNode m : state.path("stateMachines")) {
            restoreMachine(m);
        }
        for (JsonNode closed : state.path("closedTaskTokens")) {
            engine.tokens()
                    .restoreClosed(
                            closed.path("taskToken").asText(),
                            Instant.parse(closed.path("closedAt").asText()));
        }
        Set<String> openTokens = new HashSet<>();
        for (JsonNode open : state.path("openTaskTokens")) {
            String token = open.path("taskToken").asText();
            openTokens.add(token);
            engine.restoredHeartbeats()
                    .put(token, Instant.parse(open.path("lastHeartbeat").asText()));
        }
        List<Execution> running = new ArrayList<>();
        for (JsonNode e : state.path("executions")) {
            try {
                Execution execution = restoreExecution(e);
                if (execution != null && execution.status() == Execution.Status.RUNNING) {
                    running.add(execution);
                }
            } catch (RuntimeException invalid) {
                LOG.warn("execution {} not restored: {}", e.path("executionArn").asText(), invalid.getMessage());
            }
        }
        running.forEach(engine::resume);
        // The resumed executions replay up to where they were (reopening their task tokens) before the
        // stack takes requests again.
        if (!engine.awaitIdle(REPLAY_LIMIT)) {
            LOG.warn("resumed executions did not settle within {}", REPLAY_LIMIT);
            return;
        }
        for (Execution execution : running) {
            Replay replay = execution.replay();
            if (execution.status() == Execution.Status.RUNNING && replay != null && replay.pending() > 0) {
                History.Event missed = replay.firstPending();
                engine.replayFailed(
                        execution, "the re-run stopped short of event #" + missed.id() + " (" + missed.type() + ")");
            }
        }
        // A token whose task did not come back (its execution failed to resume) is closed: TaskTimedOut.
        Instant now = engine.clock().now();
        for (String token : openTokens) {
            if (engine.tokens().lastHeartbeat(token) == null) {
                engine.tokens().restoreClosed(token, now);
            }
            engine.restoredHeartbeats().remove(token);
        }
    }

    private void restoreMachine(JsonNode m) {
        String arn = m.path("stateMachineArn").asText();
        if (engine.machineMap().containsKey(arn)) {
            // The deployment created it again: its definition is the template's.
            return;
        }
        Definition definition;
        try {
            definition = DefinitionParser.parse(m.path("definition").asText());
        } catch (RuntimeException invalid) {
            LOG.warn("state machine {} not restored: its definition no longer parses", arn);
            return;
        }
        engine.machineMap()
                .putIfAbsent(
                        arn,
                        new StateMachine(
                                arn,
                                m.path("name").asText(),
                                m.path("definition").asText(),
                                definition,
                                text(m, "roleArn"),
                                "EXPRESS".equals(m.path("type").asText()),
                                Instant.parse(m.path("creationDate").asText()),
                                m.path("revisionId").asText(),
                                m.path("tracingEnabled").asBoolean(false)));
    }

    private Execution restoreExecution(JsonNode e) {
        String arn = e.path("executionArn").asText();
        String machineArn = e.path("stateMachineArn").asText();
        StateMachine current = engine.machineMap().get(machineArn);
        if (current == null) {
            LOG.warn("execution {} not restored: its state machine no longer exists", arn);
            return null;
        }
        if (engine.executionMap().containsKey(arn)) {
            return null;
        }
        String definitionText = e.path("definition").asText();
        Definition definition;
        try {
            definition = definitionText.equals(current.definitionText())
                    ? current.definition()
                    : DefinitionParser.parse(definitionText);
        } catch (DefinitionParser.InvalidDefinitionException invalid) {
            LOG.warn("execution {} not restored: its definition no longer parses", arn);
            return null;
        }
        // The execution runs the revision it started with, whatever the machine has now.
        StateMachine revision = new StateMachine(
                machineArn,
                e.path("stateMachineName").asText(),
                definitionText,
                definition,
                text(e, "roleArn"),
                "EXPRESS".equals(e.path("type").asText()),
                current.creationDate(),
                current.revisionId(),
                false);
        Execution execution = new Execution(
                arn,
                e.path("name").asText(),
                revision,
                definitionText,
                definition,
                e.path("input").asText(),
                Instant.parse(e.path("startDate").asText()),
                text(e, "traceHeader"),
                e.path("seed").asLong());
        List<History.Event> events = new ArrayList<>();
        for (JsonNode h : e.path("history")) {
            JsonNode details = h.get("details");
            events.add(new History.Event(
                    h.path("id").asLong(),
                    h.path("previousEventId").asLong(),
                    Instant.parse(h.path("timestamp").asText()),
                    h.path("type").asText(),
                    text(h, "detailsName"),
                    details instanceof ObjectNode object ? object.deepCopy() : null));
        }
        execution.history.restore(events);
        Execution.Status status = Execution.Status.valueOf(e.path("status").asText());
        Execution.Run run = null;
        Replay replay = null;
        if (status == Execution.Status.RUNNING) {
            JsonNode r = e.path("run");
            run = r.isObject()
                    ? new Execution.Run(
                            text(r, "resumeAt"),
                            Json.parse(r.path("input").asText()),
                            values(r.path("variables")),
                            values(r.path("reusedBranches")),
                            r.path("firstEventId").asLong())
                    : new Execution.Run(null, execution.input, Map.of(), Map.of(), 1);
            replay = new Replay(events, run.firstEventId());
        }
        Map<String, String> tokens = new LinkedHashMap<>();
        e.path("taskTokens")
                .properties()
                .forEach(t -> tokens.put(t.getKey(), t.getValue().asText()));
        Set<Long> heartbeatTimeouts = new HashSet<>();
        e.path("heartbeatTimeouts").forEach(id -> heartbeatTimeouts.add(id.asLong()));
        String failedInput = text(e, "failedInput");
        execution.restore(
                status,
                instantOrNull(e, "stopDate"),
                text(e, "output"),
                text(e, "error"),
                text(e, "cause"),
                e.path("redriveCount").asInt(0),
                instantOrNull(e, "redriveDate"),
                text(e, "failedState"),
                failedInput == null ? null : Json.parse(failedInput),
                values(e.path("variables")),
                values(e.path("succeededBranches")),
                run,
                tokens,
                heartbeatTimeouts,
                replay);
        engine.executionMap().put(arn, execution);
        return execution;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instantOrNull(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : Instant.parse(value);
    }

    private static Map<String, JsonNode> values(JsonNode texts) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        texts.properties()
                .forEach(p -> out.put(p.getKey(), Json.parse(p.getValue().asText())));
        return out;
    }
}
