package dev.asynccommerce.localstack.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.localstack.clock.VirtualClock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** One execution of a state machine: identity, status and history. Mutated under its own lock. */
final class Execution {
    enum Status {
        RUNNING,
        SUCCEEDED,
        FAILED,
        TIMED_OUT,
        ABORTED,
        PENDING_REDRIVE
    }

    final String arn;
    final String name;
    final StateMachine machine;
    final Definition definition;
    final String definitionText;
    final String inputText;
    final JsonNode input;
    final Instant startDate;
    final String traceHeader;
    final History history = new History();
    final boolean express;
    /** The top-level workflow variables; kept across a redrive (see StepFunctionsEngine.launch). */
    final Variables variables = new Variables(null);
    /** Seeds the execution's random values ({@link StateEnvironment}); kept over a restart so a replay draws them again. */
    final long seed;

    /**
     * Where the current run (the first, or a redrive) began: what a re-run after a restart of the stack
     * starts from.
     *
     * @param resumeAt the state a redrive resumed at, or null for the definition's StartAt
     * @param input that state's input
     * @param variables the top-level variables when the run began
     * @param reusedBranches the Parallel branch/Map iteration outputs a redrive reuses
     * @param firstEventId the run's first event (ExecutionStarted or ExecutionRedriven)
     */
    record Run(
            String resumeAt,
            JsonNode input,
            Map<String, JsonNode> variables,
            Map<String, JsonNode> reusedBranches,
            long firstEventId) {}

    private Run run;
    /** Task tokens issued in the current run, by StateEntered event id and attempt, so a replay issues them again. */
    private final Map<String, String> issuedTokens = new ConcurrentHashMap<>();
    /** Ids of the TaskTimedOut events that were heartbeat timeouts (the event itself does not say so). */
    private final Set<Long> heartbeatTimeouts = ConcurrentHashMap.newKeySet();
    /** The recorded history a restored execution's re-run replays; null for a live run. */
    private Replay replay;

    private Status status = Status.RUNNING;
    private Instant stopDate;
    private String output;
    private String error;
    private String cause;
    private Scope scope = new Scope(null);
    private VirtualClock.Timer timeout;
    private int redriveCount;
    private Instant redriveDate;
    /** Where a redrive resumes: the top-level state last entered and the input it had. */
    private String failedState;

    private JsonNode failedInput;
    /** Outputs of the Parallel branches/Map iterations that succeeded in this run, by branch path. */
    private java.util.Map<String, JsonNode> succeededBranches = new java.util.concurrent.ConcurrentHashMap<>();
    /** Those of the run before a redrive, each reused once instead of running the branch again. */
    private java.util.Map<String, JsonNode> redrivenBranches = new java.util.concurrent.ConcurrentHashMap<>();

    private CompletableFuture<Execution> completion = new CompletableFuture<>();
    private volatile ExecutionTrace trace = ExecutionTrace.NONE;

    Execution(
            String arn,
            String name,
            StateMachine machine,
            String inputText,
            JsonNode input,
            Instant startDate,
            String traceHeader) {
        this.arn = arn;
        this.name = name;
        this.machine = machine;
        this.definition = machine.definition();
        this.definitionText = machine.definitionText();
        this.inputText = inputText;
        this.input = input;
        this.startDate = startDate;
        this.traceHeader = traceHeader;
        this.express = machine.express();
        this.seed = ThreadLocalRandom.current().nextLong();
    }

    /**
     * An execution carried over a restart of the stack: it runs {@code definition} (the revision it
     * started with, which the machine may no longer have).
     */
    Execution(
            String arn,
            String name,
            StateMachine machine,
            String definitionText,
            Definition definition,
            String inputText,
            Instant startDate,
            String traceHeader,
            long seed) {
        this.arn = arn;
        this.name = name;
        this.machine = machine;
        this.definition = definition;
        this.definitionText = definitionText;
        this.inputText = inputText;
        this.input = Json.parse(inputText);
        this.startDate = startDate;
        this.traceHeader = traceHeader;
        this.express = machine.express();
        this.seed = seed;
    }

    /** Sets the X-Ray side once the execution is known to be new (StartExecution may answer an existing one). */
    void traced(ExecutionTrace newTrace) {
        this.trace = newTrace;
    }

    /** The execution's trace: the header each task's call carries, and its segment. */
    ExecutionTrace trace() {
        return trace;
    }

    synchronized Status status() {
        return status;
    }

    synchronized Scope scope() {
        return scope;
    }

    synchronized Instant stopDate() {
        return stopDate;
    }

    synchronized String output() {
        return output;
    }

    synchronized String error() {
        return error;
    }

    synchronized String cause() {
        return cause;
    }

    synchronized int redriveCount() {
        return redriveCount;
    }

    synchronized Instant redriveDate() {
        return redriveDate;
    }

    synchronized String failedState() {
        return failedState;
    }

    synchronized JsonNode failedInput() {
        return failedInput;
    }

    /** Remembers the top-level state being run: where a redrive resumes. */
    synchronized void enteredTopLevel(String state, JsonNode stateInput) {
        failedState = state;
        failedInput = stateInput;
    }

    synchronized void timeout(VirtualClock.Timer timer) {
        this.timeout = timer;
    }

    /** Completes when the current run (first run or redrive) ends. */
    synchronized CompletableFuture<Execution> completion() {
        return completion;
    }

    /** Moves from RUNNING to a final status; false when the execution had already ended. */
    boolean finish(Status to, String output, String error, String cause, Instant at) {
        CompletableFuture<Execution> done;
        synchronized (this) {
            if (status != Status.RUNNING) {
                return false;
            }
            status = to;
            this.output = output;
            this.error = error;
            this.cause = cause;
            this.stopDate = at;
            if (timeout != null) {
                timeout.cancel();
            }
            done = completion;
            // Only a running execution is replayed after a restart; a finished one needs none of these.
            issuedTokens.clear();
            heartbeatTimeouts.clear();
            replay = null;
        }
        scope.cancel();
        trace.ended(at, to != Status.SUCCEEDED);
        done.complete(this);
        return true;
    }

    synchronized void branchSucceeded(String path, JsonNode output) {
        succeededBranches.put(path, output);
    }

    synchronized JsonNode takeRedrivenBranch(String path) {
        return redrivenBranches.remove(path);
    }

    /** Forgets the branches under a Parallel/Map state that completed: a redrive never re-enters it. */
    synchronized void forgetBranches(String prefix) {
        succeededBranches.keySet().removeIf(k -> k.startsWith(prefix));
    }

    /** Reopens a failed execution for RedriveExecution. */
    synchronized void redrive(Instant at) {
        redrivenBranches = new java.util.concurrent.ConcurrentHashMap<>(succeededBranches);
        succeededBranches = new java.util.concurrent.ConcurrentHashMap<>();
        status = Status.RUNNING;
        redriveCount++;
        redriveDate = at;
        stopDate = null;
        error = null;
        cause = null;
        output = null;
        scope = new Scope(null);
        completion = new CompletableFuture<>();
        issuedTokens.clear();
        heartbeatTimeouts.clear();
    }

    // ---- what a restart of the stack carries over (EnginePersistence)

    /** Records where the current run begins; called as it is launched. */
    synchronized void runStarted(String resumeAt, JsonNode runInput, long firstEventId) {
        run = new Run(resumeAt, runInput, variables.own(), new LinkedHashMap<>(redrivenBranches), firstEventId);
    }

    synchronized Run run() {
        return run;
    }

    /** The token of a {@code .waitForTaskToken} attempt: the one issued before, if any (a replay), else a new one. */
    String taskToken(long enteredId, int attempt, Supplier<String> issue) {
        return issuedTokens.computeIfAbsent(enteredId + "/" + attempt, k -> issue.get());
    }

    synchronized Map<String, String> issuedTokens() {
        return Map.copyOf(issuedTokens);
    }

    void heartbeatTimedOut(long eventId) {
        heartbeatTimeouts.add(eventId);
    }

    boolean wasHeartbeatTimeout(long eventId) {
        return heartbeatTimeouts.contains(eventId);
    }

    synchronized Set<Long> heartbeatTimeouts() {
        return Set.copyOf(heartbeatTimeouts);
    }

    synchronized Replay replay() {
        return replay;
    }

    synchronized Map<String, JsonNode> succeededBranches() {
        return Map.copyOf(succeededBranches);
    }

    /**
     * Sets what a restored execution had when the stack stopped. A running one gets ready for its
     * re-run: the variables and reused branches as they were when its run began, the tokens it had
     * issued and {@code replay} over its history; a finished one keeps its end state, for
     * DescribeExecution and RedriveExecution.
     */
    synchronized void restore(
            Status savedStatus,
            Instant savedStopDate,
            String savedOutput,
            String savedError,
            String savedCause,
            int savedRedriveCount,
            Instant savedRedriveDate,
            String savedFailedState,
            JsonNode savedFailedInput,
            Map<String, JsonNode> savedVariables,
            Map<String, JsonNode> savedSucceededBranches,
            Run savedRun,
            Map<String, String> savedTokens,
            Set<Long> savedHeartbeatTimeouts,
            Replay savedReplay) {
        status = savedStatus;
        stopDate = savedStopDate;
        output = savedOutput;
        error = savedError;
        cause = savedCause;
        redriveCount = savedRedriveCount;
        redriveDate = savedRedriveDate;
        failedState = savedFailedState;
        failedInput = savedFailedInput;
        succeededBranches = new ConcurrentHashMap<>(savedSucceededBranches);
        if (status == Status.RUNNING && savedRun != null) {
            run = savedRun;
            variables.assignAll(savedRun.variables());
            redrivenBranches = new ConcurrentHashMap<>(savedRun.reusedBranches());
            succeededBranches = new ConcurrentHashMap<>();
            issuedTokens.putAll(savedTokens);
            heartbeatTimeouts.addAll(savedHeartbeatTimeouts);
            replay = savedReplay;
        } else {
            variables.assignAll(savedVariables);
            completion.complete(this);
        }
    }

    /** How long after it stopped an execution may be redriven (RedriveExecution API reference). */
    static final java.time.Duration REDRIVABLE_PERIOD = java.time.Duration.ofDays(14);

    synchronized boolean redrivable(Instant now) {
        return notRedrivableReason(now) == null;
    }

    /**
     * Why RedriveExecution would refuse this execution now, or null when it may be redriven. The
     * texts are the redriveStatusReason values the API reference lists for DescribeExecution; the
     * Express one is ours (AWS documents RedriveExecution as unsupported for Express).
     */
    synchronized String notRedrivableReason(Instant now) {
        if (express) {
            return "Execution is an Express execution and cannot be redriven.";
        }
        if (status == Status.RUNNING || status == Status.SUCCEEDED || status == Status.PENDING_REDRIVE) {
            return "Execution is " + status + " and cannot be redriven.";
        }
        if (stopDate != null && now.isAfter(stopDate.plus(REDRIVABLE_PERIOD))) {
            return "Execution redrivable period exceeded.";
        }
        return null;
    }
}
