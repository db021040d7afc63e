package dev.asynccommerce.localstack.lambda;

import dev.asynccommerce.localstack.lambda.Invocation.Outcome;
import dev.asynccommerce.localstack.lambda.RuntimeApiServer.Request;
import dev.asynccommerce.localstack.lambda.RuntimeApiServer.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One Lambda execution environment: a child JVM running AWS's runtime interface client, and the
 * Runtime API it polls, served on a loopback port of its own so that the environment that asks for
 * {@code /next} is known without trusting anything the child says. Serves one invocation at a time,
 * like Lambda's environments; stays warm between invocations until it times out, crashes or the
 * service closes.
 */
final class ExecutionEnvironment implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(ExecutionEnvironment.class);
    private static final String API = "/2018-06-01/runtime";
    private static final String INVOCATION = API + "/invocation/";

    private final FunctionDefinition function;
    private final String version;
    private final String id;
    private final FunctionLog log;
    private final Supplier<Instant> clock;
    private final LinkedBlockingQueue<Invocation> inbox = new LinkedBlockingQueue<>();
    private volatile Invocation assigned;
    private volatile Invocation current;
    private volatile boolean stopping;
    private volatile Process process;
    private RuntimeApiServer server;
    private long startedNanos;
    private volatile long initNanos = -1;
    private boolean initReported;

    ExecutionEnvironment(
            FunctionDefinition function, String version, String id, FunctionLog log, Supplier<Instant> clock) {
        this.function = function;
        this.version = version;
        this.id = id;
        this.log = log;
        this.clock = clock;
    }

    String version() {
        return version;
    }

    /**
     * Starts the process. {@code environment} gets the Runtime API address and returns the complete
     * environment of the child (nothing is inherited from this JVM).
     */
    synchronized void start(
            RuntimeClient runtime, Path workDirectory, Function<String, Map<String, String>> environment)
            throws IOException {
        if (process != null) {
            return;
        }
        server = new RuntimeApiServer(function.name() + "-" + id, this::handle);
        Files.createDirectories(workDirectory);
        List<String> command = runtime.command(function);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.file().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment.apply(server.hostAndPort()));
        log.append("INIT_START Runtime Version: " + function.runtime() + " (local: Java " + Runtime.version() + ")");
        startedNanos = System.nanoTime();
        try {
            process = builder.start();
        } catch (IOException e) {
            server.close();
            throw e;
        }
        LOG.info("started {} {} environment {} (pid {})", function.name(), version, id, process.pid());
        process.onExit().thenRun(this::exited);
    }

    boolean alive() {
        Process p = process;
        return p != null && p.isAlive() && !stopping;
    }

    ProcessHandle handle() {
        Process p = process;
        return p == null ? null : p.toHandle();
    }

    /**
     * Runs one invocation and waits for it: at most {@code initLimit} for the runtime to ask for it,
     * then the function's timeout from the moment it did. A timeout stops the process.
     */
    Outcome invoke(Invocation invocation, Duration initLimit) throws InterruptedException {
        long invokedNanos = System.nanoTime();
        invocation.logFrom = log.position();
        assigned = invocation;
        inbox.add(invocation);
        try {
            try {
                CompletableFuture.anyOf(invocation.dispatched, invocation.outcome)
                        .get(initLimit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return timedOut(invocation, invokedNanos, "init");
            }
            if (!invocation.outcome.isDone()) {
                long remaining = invocation.deadlineMillis - System.currentTimeMillis();
                try {
                    invocation.outcome.get(Math.max(0, remaining), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    return timedOut(invocation, invocation.dispatchedNanos, "invoke");
                }
            }
            Outcome outcome = invocation.outcome.get();
            finish(
                    invocation,
                    invocation.dispatched.isDone() ? invocation.dispatchedNanos : invokedNanos,
                    outcome,
                    null);
            return outcome;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            stop();
            throw e;
        } finally {
            assigned = null;
        }
    }

    private Outcome timedOut(Invocation invocation, long fromNanos, String phase) {
        stop();
        String seconds = String.format(Locale.ROOT, "%.2f", function.timeout().toMillis() / 1000.0);
        log.append(clock.get() + " " + invocation.requestId + " Task timed out after " + seconds + " seconds");
        // Lambda's own words for a timed-out invocation (errorType Sandbox.Timedout, since 2023).
        Outcome outcome = Outcome.lost(
                "Sandbox.Timedout",
                "RequestId: " + invocation.requestId + " Error: Task timed out after " + seconds + " seconds");
        finish(invocation, fromNanos, outcome, "timeout");
        LOG.info(
                "{} {} timed out in its {} phase; environment {} stopped",
                function.name(),
                invocation.requestId,
                phase,
                id);
        return outcome;
    }

    private void finish(Invocation invocation, long fromNanos, Outcome outcome, String status) {
        double millis = (System.nanoTime() - fromNanos) / 1_000_000.0;
        if (!invocation.dispatched.isDone()) { // never reached the handler: no START was written
            log.append("START RequestId: " + invocation.requestId + " Version: " + version);
        }
        log.append("END RequestId: " + invocation.requestId);
        StringBuilder report = new StringBuilder("REPORT RequestId: ")
                .append(invocation.requestId)
                .append("\tDuration: ")
                .append(String.format(Locale.ROOT, "%.2f", millis))
                .append(" ms\tBilled Duration: ")
                .append((long) Math.ceil(millis))
                .append(" ms\tMemory Size: ")
                .append(function.memoryMb())
                .append(" MB\t");
        synchronized (this) {
            if (!initReported && initNanos >= 0) {
                initReported = true;
                report.append("Init Duration: ")
                        .append(String.format(Locale.ROOT, "%.2f", initNanos / 1_000_000.0))
                        .append(" ms\t");
            }
        }
        if (status != null) {
            report.append("Status: ").append(status).append('\t');
        } else if (outcome.environmentLost()) {
            report.append("Status: error\tError Type: Runtime.ExitError\t");
        }
        log.append(report.toString());
        invocation.logTail = log.tail(invocation.logFrom, log.position());
    }

    private Response handle(Request request) throws InterruptedException {
        String path = request.path();
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (request.method().equals("GET") && path.equals(INVOCATION + "next")) {
            return next();
        }
        if (request.method().equals("POST") && path.equals(API + "/init/error")) {
            return initError(request);
        }
        if (request.method().equals("POST") && path.startsWith(INVOCATION)) {
            String rest = path.substring(INVOCATION.length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                return invocationResult(rest.substring(0, slash), rest.substring(slash + 1), request);
            }
        }
        return Response.json(404, "{\"errorMessage\":\"Unknown Runtime API path\",\"errorType\":\"NotFound\"}");
    }

    private Response next() throws InterruptedException {
        if (initNanos < 0) {
            initNanos = System.nanoTime() - startedNanos;
        }
        Invocation invocation = inbox.take();
        current = invocation;
        invocation.deadlineMillis =
                System.currentTimeMillis() + function.timeout().toMillis();
        invocation.dispatchedNanos = System.nanoTime();
        invocation.logFrom = log.position();
        log.append("START RequestId: " + invocation.requestId + " Version: " + version);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Lambda-Runtime-Aws-Request-Id", invocation.requestId);
        headers.put("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineMillis));
        headers.put("Lambda-Runtime-Invoked-Function-Arn", invocation.invokedFunctionArn);
        headers.put("Lambda-Runtime-Trace-Id", invocation.traceId);
        if (invocation.clientContext != null) {
            headers.put("Lambda-Runtime-Client-Context", invocation.clientContext);
        }
        invocation.dispatched.complete(null);
        return new Response(200, headers, invocation.payload);
    }

    private Response invocationResult(String requestId, String action, Request request) {
        Invocation invocation = current;
        if (invocation == null || !invocation.requestId.equals(requestId)) {
            return Response.json(
                    400,
                    "{\"errorMessage\":\"Invalid request ID: " + requestId + "\",\"errorType\":\"InvalidRequestID\"}");
        }
        Outcome outcome;
        if (action.equals("response")) {
            outcome = Outcome.success(request.body());
        } else if (action.equals("error")) {
            outcome = Outcome.error(errorDocument(request));
        } else {
            return Response.json(404, "{\"errorMessage\":\"Unknown Runtime API path\",\"errorType\":\"NotFound\"}");
        }
        current = null;
        if (!invocation.outcome.complete(outcome)) {
            return Response.json(
                    403, "{\"errorMessage\":\"Invalid state transition\",\"errorType\":\"InvalidStateTransition\"}");
        }
        return Response.json(202, "{\"status\":\"OK\"}");
    }

    /** The RIC sends a JSON error document; a bare error type is turned into one, as Lambda does. */
    private static byte[] errorDocument(Request request) {
        if (request.body().length > 0) {
            return request.body();
        }
        String type = request.header("Lambda-Runtime-Function-Error-Type");
        return ("{\"errorType\":" + Json.quote(type == null ? "Runtime.Unknown" : type) + ",\"errorMessage\":\"\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The handler could not be loaded or its constructor threw: the invocation fails with that error. */
    private Response initError(Request request) {
        Invocation invocation = assigned;
        LOG.warn("{} environment {} failed to initialize", function.name(), id);
        if (invocation != null) {
            invocation.outcome.complete(Outcome.error(errorDocument(request)));
        }
        stopping = true; // the RIC exits after reporting; nothing may be sent to this environment again
        return Response.json(202, "{\"status\":\"OK\"}");
    }

    private void exited() {
        Process p = process;
        int status = p == null ? -1 : p.exitValue();
        Invocation invocation = assigned;
        if (!stopping) {
            LOG.warn("{} environment {} exited with status {}", function.name(), id, status);
        }
        stopping = true;
        if (invocation != null) {
            invocation.outcome.complete(Outcome.lost(
                    "Runtime.ExitError",
                    "RequestId: " + invocation.requestId + " Error: Runtime exited with error: exit status " + status));
        }
        if (server != null) {
            server.close();
        }
    }

    /** Stops the process (forcibly: a timed-out function is not asked) and its Runtime API. */
    void stop() {
        stopping = true;
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("{} environment {} (pid {}) did not exit", function.name(), id, p.pid());
            }
        }
        synchronized (this) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }
}
