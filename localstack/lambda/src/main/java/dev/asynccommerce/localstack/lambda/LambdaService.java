package dev.asynccommerce.localstack.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.localstack.lambda.Invocation.Outcome;
import dev.asynccommerce.localstack.spi.Monitors;
import dev.asynccommerce.localstack.spi.PersistentState;
import dev.asynccommerce.localstack.spi.Timers;
import dev.asynccommerce.localstack.spi.TraceContext;
import dev.asynccommerce.localstack.spi.TraceSegments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The local stack's Lambda (part of the project's own emulator, not the LocalStack product): function
 * definitions, versions and aliases, and invocation. Each function runs in child JVMs started from its
 * code through AWS's runtime interface client, with exactly Lambda's reserved environment plus its own
 * variables (docs/decisions/2026-11-21-local-stack-architecture.md).
 *
 * <p>Guarantees: an environment serves one invocation at a time and is reused while warm; a function
 * never has more environments than its reserved concurrency (or the default limit), and a synchronous
 * invoke beyond that is refused with TooManyRequestsException; an invocation that outlives its timeout
 * gets Lambda's timeout error and its process is stopped and later replaced; asynchronous invocations
 * are queued, and a function error is retried (twice by default, as its {@link AsyncInvokeConfig}
 * says), one and then two minutes later on the {@link Timers}; what still fails, or waits too long,
 * goes to its on-failure destination. {@link #close()} stops every process.
 *
 * <p>With {@code --persist}, the queue of asynchronous invocations survives a restart as Lambda's own
 * queue is durable: {@link #saveState()} hands what is unfinished over to the next run, whose {@link
 * #restoreState(JsonNode)} queues it again with its request id, attempts, queue time and due time.
 */
public final class LambdaService implements AutoCloseable, PersistentState {
    private static final Logger LOG = LogManager.getLogger(LambdaService.class);
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final Pattern QUALIFIER = Pattern.compile("\\$LATEST|[a-zA-Z0-9_-]{1,128}");
    private static final String LATEST = "$LATEST";
    /** Payload limits of the Invoke API: 6 MB synchronous, 256 KB asynchronous. */
    static final int MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;

    static final int MAX_ASYNC_PAYLOAD = 256 * 1024;
    /** Retries of a failed asynchronous invocation (Lambda's default MaximumRetryAttempts). */
    private static final List<Duration> ASYNC_RETRY_DELAYS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2));
    /** The format of {@link #saveState()}; a state of another version is not restored. */
    private static final int STATE_VERSION = 1;

    /** Keys Lambda sets itself and refuses in a function's Environment. */
    static final Set<String> RESERVED = Set.of(
            "_HANDLER",
            "_X_AMZN_TRACE_ID",
            "AWS_DEFAULT_REGION",
            "AWS_REGION",
            "AWS_EXECUTION_ENV",
            "AWS_LAMBDA_FUNCTION_NAME",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_FUNCTION_VERSION",
            "AWS_LAMBDA_INITIALIZATION_TYPE",
            "AWS_LAMBDA_LOG_GROUP_NAME",
            "AWS_LAMBDA_LOG_STREAM_NAME",
            "AWS_ACCESS_KEY",
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN",
            "AWS_LAMBDA_RUNTIME_API",
            "LAMBDA_TASK_ROOT",
            "LAMBDA_RUNTIME_DIR",
            "TZ");

    private final String region;
    private final String account;
    private final Path workDirectory;
    private final Timers timers;
    private final int defaultConcurrency;
    private final Duration initTimeout;
    private final Map<String, String> credentials;
    private final String xrayDaemonAddress;
    private final TraceSegments segments;
    private final AsyncFailureDestinations asyncFailureDestinations;
    private final Map<String, FunctionState> functions = new ConcurrentHashMap<>();
    private final ExecutorService async = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("lambda-async-", 0).factory());
    private final AtomicInteger asyncInFlight = new AtomicInteger();
    private final Object queueLock = new Object();
    /** Every asynchronous invocation not finished yet, by request id, in queue order; under queueLock. */
    private final Map<String, Queued> queue = new LinkedHashMap<>();
    /** Set by saveState(): the queue now belongs to the next run; under queueLock. */
    private boolean handedOver;

    private final Object idleSignal = new Object();
    private final AtomicInteger environmentIds = new AtomicInteger();
    private final Thread shutdownHook;
    private volatile RuntimeClient runtimeClient;
    private volatile boolean closed;

    /** A function: its $LATEST, published versions, aliases, environments and log. */
    private static final class FunctionState {
        final FunctionDefinition latest;
        final Map<String, FunctionDefinition> versions = new LinkedHashMap<>();
        final Map<String, String> aliases = new LinkedHashMap<>();
        /** By qualifier ($LATEST for the unqualified function): how asynchronous invocations are treated. */
        final Map<String, AsyncInvokeConfig> asyncConfigs = new java.util.concurrent.ConcurrentHashMap<>();

        final EnvironmentPool pool;
        final FunctionLog log;
        int lastVersion;

        FunctionState(FunctionDefinition latest, EnvironmentPool pool, FunctionLog log) {
            this.latest = latest;
            this.pool = pool;
            this.log = log;
        }
    }

    /** What an identifier and qualifier resolve to. */
    record Target(FunctionDefinition definition, String version, String invokedArn) {}

    private LambdaService(Builder b) {
        this.region = b.region;
        this.account = b.account;
        this.timers = Objects.requireNonNull(b.timers, "timers");
        this.defaultConcurrency = b.defaultConcurrency;
        this.initTimeout = b.initTimeout;
        this.credentials = Map.of(
                "AWS_ACCESS_KEY_ID", b.accessKeyId,
                "AWS_SECRET_ACCESS_KEY", b.secretAccessKey,
                "AWS_SESSION_TOKEN", b.sessionToken);
        this.xrayDaemonAddress = b.xrayDaemonAddress;
        this.segments = b.segments;
        this.asyncFailureDestinations = b.asyncFailureDestinations;
        try {
            this.workDirectory = b.workDirectory != null
                    ? Files.createDirectories(b.workDirectory)
                    : Files.createTempDirectory("local-lambda");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Lambda work directory", e);
        }
        // A stack stopped with Ctrl-C must not leave function JVMs behind.
        this.shutdownHook = new Thread(this::closeQuietly, "lambda-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- functions, versions, aliases

    /**
     * Creates a function ({@code $LATEST}).
     *
     * @throws LambdaException ResourceConflictException if it exists, InvalidParameterValueException for a
     *     bad name, memory, timeout, concurrency, reserved environment key or missing code
     */
    public String createFunction(FunctionDefinition definition) {
        ensureOpen();
        String name = definition.name();
        if (!NAME.matcher(name).matches()) {
            throw LambdaException.validation("1 validation error detected: Value '" + name
                    + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression"
                    + " pattern: [a-zA-Z0-9-_]+");
        }
        if (definition.memoryMb() < 128 || definition.memoryMb() > 10240) {
            throw LambdaException.invalidParameter("MemorySize must be between 128 and 10240 MB.");
        }
        if (definition.timeout().compareTo(Duration.ofSeconds(1)) < 0
                || definition.timeout().compareTo(Duration.ofSeconds(900)) > 0) {
            throw LambdaException.invalidParameter("Timeout must be between 1 and 900 seconds.");
        }
        if (definition.reservedConcurrency() != null && definition.reservedConcurrency() < 0) {
            throw LambdaException.invalidParameter("ReservedConcurrentExecutions must not be negative.");
        }
        List<String> reserved = definition.environment().keySet().stream()
                .filter(RESERVED::contains)
                .sorted()
                .toList();
        if (!reserved.isEmpty()) {
            throw LambdaException.invalidParameter("Lambda was unable to configure your environment variables because"
                    + " the environment variables you have provided contains reserved keys that are currently not"
                    + " supported for modification. Reserved keys used in this request: "
                    + String.join(", ", reserved));
        }
        if (!Files.exists(definition.code())) {
            throw LambdaException.invalidParameter("The function code " + definition.code() + " does not exist.");
        }
        String arn = definition.arn() != null ? definition.arn() : functionArn(name);
        FunctionDefinition stored = definition.withArn(arn);
        boolean reservedConcurrency = definition.reservedConcurrency() != null;
        int limit = reservedConcurrency ? definition.reservedConcurrency() : defaultConcurrency;
        FunctionState created = functions.computeIfAbsent(
                name,
                n -> new FunctionState(
                        stored,
                        new EnvironmentPool(limit, reservedConcurrency),
                        new FunctionLog(workDirectory.resolve("logs").resolve(n + ".log"))));
        if (created.latest != stored) {
            throw LambdaException.resourceConflict("Function already exist: " + name);
        }
        LOG.info("created function {} ({})", name, definition.handler());
        return arn;
    }

    /** Publishes {@code $LATEST} as the next version ("1", "2", ...) and returns the version. */
    public String publishVersion(String functionName) {
        FunctionState state = state(functionName);
        synchronized (state) {
            String version = Integer.toString(++state.lastVersion);
            state.versions.put(version, state.latest);
            return version;
        }
    }

    /**
     * Creates an alias pointing at {@code version} (a published version or {@code $LATEST}).
     *
     * @return the alias ARN
     */
    public String createAlias(String functionName, String alias, String version) {
        FunctionState state = state(functionName);
        if (!QUALIFIER.matcher(alias).matches() || alias.matches("\\d+") || alias.equals(LATEST)) {
            throw LambdaException.validation("1 validation error detected: Value '" + alias
                    + "' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern:"
                    + " (?!^[0-9]+$)([a-zA-Z0-9-_]+)");
        }
        synchronized (state) {
            if (!version.equals(LATEST) && !state.versions.containsKey(version)) {
                throw LambdaException.resourceNotFound("Function not found: " + state.latest.arn() + ":" + version);
            }
            if (state.aliases.containsKey(alias)) {
                throw LambdaException.resourceConflict("Alias already exists: " + state.latest.arn() + ":" + alias);
            }
            state.aliases.put(alias, version);
        }
        return state.latest.arn() + ":" + alias;
    }

    /**
     * Configures asynchronous invocation of a function, version or alias (PutFunctionEventInvokeConfig),
     * replacing what it had.
     *
     * @param qualifier a version or alias, or null for the unqualified function ($LATEST)
     */
    public void putEventInvokeConfig(String functionName, String qualifier, AsyncInvokeConfig config) {
        Objects.requireNonNull(config, "config");
        Target target = resolve(functionName, qualifier);
        state(target.definition().name()).asyncConfigs.put(qualifierOf(target), config);
    }

    private AsyncInvokeConfig asyncConfig(Target target) {
        FunctionState state = functions.get(target.definition().name());
        return state == null
                ? AsyncInvokeConfig.DEFAULT
                : state.asyncConfigs.getOrDefault(qualifierOf(target), AsyncInvokeConfig.DEFAULT);
    }

    /** The qualifier a target was invoked by: its alias or version, or $LATEST. */
    private static String qualifierOf(Target target) {
        String arn = target.invokedArn();
        return isQualified(arn) ? arn.substring(arn.lastIndexOf(':') + 1) : LATEST;
    }

    /** Whether a function ARN ends in a version or alias ({@code arn:aws:lambda:r:a:function:name:q}). */
    private static boolean isQualified(String functionArn) {
        return functionArn.split(":").length == 8;
    }

    /** The unqualified ARN this service gives a function of that name. */
    public String functionArn(String functionName) {
        return "arn:aws:lambda:" + region + ":" + account + ":function:" + functionName;
    }

    public String region() {
        return region;
    }

    public String account() {
        return account;
    }

    private FunctionState state(String functionName) {
        FunctionState state = functions.get(functionName);
        if (state == null) {
            throw LambdaException.functionNotFound(functionArn(functionName));
        }
        return state;
    }

    /**
     * Resolves a function name, {@code name:qualifier}, partial ARN ({@code account:function:name}), ARN or
     * qualified ARN, with an optional separate qualifier, as Invoke does.
     */
    Target resolve(String functionName, String qualifier) {
        if (functionName == null || functionName.isEmpty()) {
            throw LambdaException.validation(
                    "1 validation error detected: Value null at 'functionName' failed to satisfy constraint:"
                            + " Member must not be null");
        }
        String[] parts = functionName.split(":", -1);
        String name;
        String embedded = null;
        String arnRegion = region;
        String arnAccount = account;
        if (parts[0].equals("arn")) {
            if (parts.length < 7 || parts.length > 8 || !parts[2].equals("lambda") || !parts[5].equals("function")) {
                throw invalidName(functionName);
            }
            arnRegion = parts[3];
            arnAccount = parts[4];
            name = parts[6];
            embedded = parts.length == 8 ? parts[7] : null;
        } else if (parts.length >= 3 && parts[1].equals("function")) {
            if (parts.length > 4) {
                throw invalidName(functionName);
            }
            arnAccount = parts[0];
            name = parts[2];
            embedded = parts.length == 4 ? parts[3] : null;
        } else if (parts.length <= 2) {
            name = parts[0];
            embedded = parts.length == 2 ? parts[1] : null;
        } else {
            throw invalidName(functionName);
        }
        if (!NAME.matcher(name).matches()
                || (embedded != null && !QUALIFIER.matcher(embedded).matches())) {
            throw invalidName(functionName);
        }
        if (qualifier != null && qualifier.isEmpty()) {
            qualifier = null;
        }
        if (embedded != null && qualifier != null && !embedded.equals(qualifier)) {
            throw LambdaException.invalidParameter(
                    "The derived qualifier from the function name does not match the specified qualifier.");
        }
        String wanted = embedded != null ? embedded : qualifier;
        // Another region's or account's function does not exist here, whatever its name.
        boolean here = arnRegion.equals(region) && arnAccount.equals(account);
        FunctionState state = here ? functions.get(name) : null;
        if (state == null) {
            String arn = "arn:aws:lambda:" + arnRegion + ":" + arnAccount + ":function:" + name;
            throw LambdaException.functionNotFound(wanted == null ? arn : arn + ":" + wanted);
        }
        String unqualified = state.latest.arn();
        synchronized (state) {
            if (wanted == null || wanted.equals(LATEST)) {
                return new Target(state.latest, LATEST, wanted == null ? unqualified : unqualified + ":" + LATEST);
            }
            FunctionDefinition version = state.versions.get(wanted);
            if (version != null) {
                return new Target(version, wanted, unqualified + ":" + wanted);
            }
            String aliased = state.aliases.get(wanted);
            if (aliased != null) {
                FunctionDefinition definition = aliased.equals(LATEST) ? state.latest : state.versions.get(aliased);
                return new Target(definition, aliased, unqualified + ":" + wanted);
            }
        }
        throw LambdaException.functionNotFound(unqualified + ":" + wanted);
    }

    private static LambdaException invalidName(String functionName) {
        return LambdaException.validation("1 validation error detected: Value '" + functionName
                + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern:"
                + " (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?"
                + "([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
    }

    /** The definition a name or ARN (and qualifier) resolves to, with its version. */
    public FunctionDefinition definition(String functionName, String qualifier) {
        return resolve(functionName, qualifier).definition();
    }

    // ---------------------------------------------------------------- invoke

    /**
     * Invokes a function. RequestResponse runs it and returns its response (or error document, with
     * {@code functionError} "Unhandled"); Event queues it and returns 202; DryRun only validates.
     *
     * @param functionName a name, {@code name:qualifier}, ARN, qualified ARN or alias ARN
     * @param qualifier a version or alias, or null
     * @param payload the event, JSON; null or empty means {@code {}}
     * @throws LambdaException ResourceNotFoundException, InvalidRequestContentException (not JSON),
     *     RequestTooLargeException, TooManyRequestsException (RequestResponse beyond the function's
     *     concurrency), ValidationException, InvalidParameterValueException
     */
    public InvocationResult invoke(String functionName, String qualifier, byte[] payload, InvocationType type) {
        return invoke(functionName, qualifier, payload, type, null);
    }

    /** As {@link #invoke(String, String, byte[], InvocationType)}, with a base64 ClientContext. */
    public InvocationResult invoke(
            String functionName, String qualifier, byte[] payload, InvocationType type, String clientContext) {
        return invoke(functionName, qualifier, payload, type, clientContext, TraceContext.NONE);
    }

    /**
     * As {@link #invoke(String, String, byte[], InvocationType, String)}, within a trace: the caller's
     * (the Invoke API's {@code X-Amzn-Trace-Id}, an API gateway, EventBridge, Step Functions) or, for an
     * SQS batch, a new one linked to the producers' (see {@link InvocationTrace}).
     */
    public InvocationResult invoke(
            String functionName,
            String qualifier,
            byte[] payload,
            InvocationType type,
            String clientContext,
            TraceContext trace) {
        ensureOpen();
        Objects.requireNonNull(trace, "trace");
        Objects.requireNonNull(type, "type");
        Target target = resolve(functionName, qualifier);
        byte[] event = payload == null || payload.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : payload;
        int limit = type == InvocationType.Event ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD;
        if (event.length > limit) {
            throw LambdaException.requestTooLarge(
                    "Request must be smaller than " + limit + " bytes for the InvokeFunction operation");
        }
        requireJson(event);
        String context = clientContext == null ? null : decodeClientContext(clientContext);
        String requestId = UUID.randomUUID().toString();
        return switch (type) {
            case DryRun -> new InvocationResult(204, new byte[0], null, null, requestId, "");
            case Event -> {
                enqueue(new AsyncEvent(target, event, requestId, timers.now(), 0, 0, trace, null));
                yield new InvocationResult(202, new byte[0], null, null, requestId, "");
            }
            case RequestResponse -> run(target, event, requestId, context, trace);
        };
    }

    /**
     * Queues an asynchronous invocation (InvocationType Event), as EventBridge, S3 or SNS do.
     *
     * @return the request id the function will see
     */
    public String invokeAsync(String functionName, byte[] payload) {
        return invokeAsync(functionName, payload, TraceContext.NONE);
    }

    /** As {@link #invokeAsync(String, byte[])}, continuing the caller's trace on every attempt. */
    public String invokeAsync(String functionName, byte[] payload, TraceContext trace) {
        return invoke(functionName, null, payload, InvocationType.Event, null, trace)
                .requestId();
    }

    /** The API carries ClientContext as base64; the runtime gets the JSON itself, as on Lambda. */
    private static String decodeClientContext(String base64) {
        try {
            byte[] json = Base64.getDecoder().decode(base64);
            Json.MAPPER.readTree(json);
            return new String(json, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | IOException e) {
            throw LambdaException.invalidParameter("Client context must be a valid Base64-encoded JSON object.");
        }
    }

    private static void requireJson(byte[] payload) {
        try {
            Json.MAPPER.readTree(payload);
        } catch (JsonProcessingException e) {
            throw LambdaException.invalidRequestContent(
                    "Could not parse request body into json: Could not parse payload into json: "
                            + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private InvocationResult run(
            Target target, byte[] payload, String requestId, String clientContext, TraceContext trace) {
        FunctionDefinition function = target.definition();
        FunctionState state = state(function.name());
        ExecutionEnvironment environment = state.pool.acquire(
                target.version(),
                () -> new ExecutionEnvironment(
                        function,
                        target.version(),
                        Integer.toString(environmentIds.incrementAndGet()),
                        state.log,
                        timers::now));
        InvocationTrace tracing = InvocationTrace.begin(function, trace, timers.now());
        Invocation invocation =
                new Invocation(requestId, payload, target.invokedArn(), tracing.header(), clientContext);
        boolean failed = true;
        try {
            environment.start(
                    runtimeClient(),
                    workDirectory.resolve("task").resolve(function.name()),
                    api -> childEnvironment(function, target.version(), api));
            Outcome outcome = environment.invoke(invocation, initTimeout);
            failed = outcome.functionError() != null;
            return new InvocationResult(
                    200, outcome.payload(), outcome.functionError(), target.version(), requestId, invocation.logTail);
        } catch (IOException e) {
            environment.stop();
            throw LambdaException.service("Could not start the function's runtime: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LambdaException.service("The invocation was interrupted.");
        } finally {
            state.pool.release(environment);
            recordSegments(tracing, function, target, requestId, failed);
        }
    }

    private void recordSegments(
            InvocationTrace tracing, FunctionDefinition function, Target target, String requestId, boolean failed) {
        try {
            tracing.end(segments, function, target.invokedArn(), requestId, timers.now(), failed);
        } catch (RuntimeException e) {
            // The trace is an observer: its store failing must not fail the invocation.
            LOG.warn("{} {}: its X-Ray segments were not recorded: {}", function.name(), requestId, e.toString());
        }
    }

    private RuntimeClient runtimeClient() {
        RuntimeClient client = runtimeClient;
        if (client == null) {
            synchronized (this) {
                if (runtimeClient == null) {
                    runtimeClient = RuntimeClient.locate(workDirectory.resolve("runtime"));
                }
                client = runtimeClient;
            }
        }
        return client;
    }

    /** Exactly what Lambda gives a Java function, plus the function's own variables; nothing inherited. */
    private Map<String, String> childEnvironment(FunctionDefinition function, String version, String runtimeApi) {
        Map<String, String> env = new LinkedHashMap<>(function.environment());
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("_HANDLER", function.handler());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime());
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", version);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.name());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName(version));
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.putAll(credentials);
        env.put(
                "LAMBDA_TASK_ROOT",
                workDirectory.resolve("task").resolve(function.name()).toString());
        env.put(
                "LAMBDA_RUNTIME_DIR",
                runtimeClient().classpath().getFirst().getParent().toString());
        env.put("TZ", ":UTC");
        env.put("LANG", "en_US.UTF-8");
        env.put("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
        // X-Ray: Lambda points the SDK at its daemon; here the stack's segment collector.
        env.put("AWS_XRAY_CONTEXT_MISSING", "LOG_ERROR");
        env.put("AWS_XRAY_DAEMON_ADDRESS", xrayDaemonAddress);
        int colon = xrayDaemonAddress.lastIndexOf(':');
        env.put("_AWS_XRAY_DAEMON_ADDRESS", xrayDaemonAddress.substring(0, colon));
        env.put("_AWS_XRAY_DAEMON_PORT", xrayDaemonAddress.substring(colon + 1));
        return env;
    }

    private String logStreamName(String version) {
        String day = DateTimeFormatter.ofPattern("yyyy/MM/dd")
                .withZone(ZoneOffset.UTC)
                .format(timers.now());
        return day + "/[" + version + "]" + HexFormat.of().formatHex(randomBytes(16));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    // ---------------------------------------------------------------- asynchronous invocation

    /**
     * A queued event. {@code attempt} counts function errors so far (Lambda retries twice); {@code
     * throttles} counts throttled attempts, which Lambda retries with backoff and does not count; {@code
     * lastFailure} is the last function error's response, for the invocation record, or null.
     */
    private record AsyncEvent(
            Target target,
            byte[] payload,
            String requestId,
            Instant queued,
            int attempt,
            int throttles,
            TraceContext trace,
            InvocationResult lastFailure) {

        AsyncEvent failedWith(InvocationResult failure) {
            return new AsyncEvent(target, payload, requestId, queued, attempt + 1, throttles, trace, failure);
        }

        AsyncEvent throttled() {
            return new AsyncEvent(target, payload, requestId, queued, attempt, throttles + 1, trace, lastFailure);
        }
    }

    /**
     * An unfinished event in the queue and when its next attempt is due (for one handed to the executor:
     * when it was).
     */
    private record Queued(AsyncEvent event, Instant due) {}

    /** Queues a new event, refused once the queue has been handed over to the next run. */
    private void enqueue(AsyncEvent event) {
        synchronized (queueLock) {
            if (handedOver) {
                throw LambdaException.service("The local Lambda is shutting down.");
            }
            queue.put(event.requestId(), new Queued(event, timers.now()));
        }
        dispatch(event);
    }

    private void dispatch(AsyncEvent event) {
        asyncInFlight.incrementAndGet(); // before returning, so awaitIdle() sees the work
        try {
            async.execute(() -> runAsync(event));
        } catch (RuntimeException e) {
            done();
            if (finish(event)) {
                LOG.warn(
                        "dropped asynchronous invocation {} of {}: the service is closing",
                        event.requestId(),
                        event.target().definition().name());
            }
        }
    }

    private void runAsync(AsyncEvent event) {
        try {
            if (isHandedOver()) {
                return; // saved with the rest of the queue: the next run delivers it
            }
            AsyncInvokeConfig config = asyncConfig(event.target());
            // An event is kept in the queue for at most its maximum age, whenever that is found out: here it
            // matters for an event carried over a restart while the clock moved on
            // (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html).
            if (tooOld(event, timers.now(), config)) {
                giveUp(event, config, "EventAgeExceeded", event.lastFailure(), event.attempt());
                return;
            }
            attempt(event, config);
        } finally {
            done();
        }
    }

    private void attempt(AsyncEvent event, AsyncInvokeConfig config) {
        String name = event.target().definition().name();
        try {
            InvocationResult result = run(event.target(), event.payload(), event.requestId(), null, event.trace());
            if (!result.failed()) {
                finish(event);
            } else if (event.attempt() < config.maximumRetryAttempts()) {
                Instant due = timers.now().plus(ASYNC_RETRY_DELAYS.get(event.attempt()));
                if (tooOld(event, due, config)) {
                    giveUp(event, config, "EventAgeExceeded", result, event.attempt() + 1);
                } else if (requeue(event.failedWith(result), due)) {
                    LOG.info("{} {} failed; retry {} at {}", name, event.requestId(), event.attempt() + 1, due);
                }
            } else {
                giveUp(event, config, "RetriesExhausted", result, event.attempt() + 1);
            }
        } catch (LambdaException e) {
            if (e.status() == 429 || e.status() >= 500) {
                // Throttles and system errors: back to the queue with backoff (1 s doubling to 5 min) until
                // the event is too old, not counted as attempts.
                long seconds = Math.min(300, 1L << Math.min(event.throttles(), 9));
                Instant due = timers.now().plusSeconds(seconds);
                if (closed) {
                    if (finish(event)) {
                        LOG.warn("{} {} discarded: the service is closing", name, event.requestId());
                    }
                } else if (tooOld(event, due, config)) {
                    giveUp(event, config, "EventAgeExceeded", event.lastFailure(), event.attempt());
                } else {
                    requeue(event.throttled(), due);
                }
            } else if (finish(event)) {
                LOG.warn("{} {} discarded: {}", name, event.requestId(), e.getMessage());
            }
        } catch (RuntimeException e) {
            if (finish(event)) {
                LOG.error("{} {} failed in the local Lambda: {}", name, event.requestId(), e.toString());
            }
        }
    }

    private static boolean tooOld(AsyncEvent event, Instant due, AsyncInvokeConfig config) {
        return Duration.between(event.queued(), due).compareTo(config.maximumEventAge()) > 0;
    }

    /**
     * An event Lambda stops trying: its invocation record goes to the on-failure destination, as AWS
     * writes it ("Capturing records of Lambda asynchronous invocations"), or it is discarded. Nothing
     * happens once the queue is handed over: the next run owns the event.
     *
     * @param last the last failed attempt's result, or null when none failed (throttled until too old)
     * @param attempts attempts that ran, for {@code approximateInvokeCount}
     */
    private void giveUp(
            AsyncEvent event, AsyncInvokeConfig config, String condition, InvocationResult last, int attempts) {
        if (!finish(event)) {
            return;
        }
        String name = event.target().definition().name();
        if (config.onFailureDestination() == null) {
            LOG.warn(
                    "{} {} discarded ({}, {} attempts): no on-failure destination",
                    name,
                    event.requestId(),
                    condition,
                    attempts);
            return;
        }
        com.fasterxml.jackson.databind.node.ObjectNode record = Json.MAPPER.createObjectNode();
        record.put("version", "1.0");
        record.put(
                "timestamp",
                timers.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
        com.fasterxml.jackson.databind.node.ObjectNode request = record.putObject("requestContext");
        String invoked = event.target().invokedArn();
        request.put("requestId", event.requestId());
        // Lambda names the qualifier it ran, $LATEST for an unqualified call.
        request.put("functionArn", isQualified(invoked) ? invoked : invoked + ":" + LATEST);
        request.put("condition", condition);
        request.put("approximateInvokeCount", attempts);
        record.set("requestPayload", jsonOrText(event.payload()));
        if (last != null) {
            com.fasterxml.jackson.databind.node.ObjectNode response = record.putObject("responseContext");
            response.put("statusCode", last.statusCode());
            response.put("executedVersion", last.executedVersion());
            response.put("functionError", last.functionError());
            record.set("responsePayload", jsonOrText(last.payload()));
        }
        try {
            asyncFailureDestinations.send(config.onFailureDestination(), record.toString());
            LOG.info("{} {} {}: record sent to {}", name, event.requestId(), condition, config.onFailureDestination());
        } catch (RuntimeException e) {
            LOG.warn(
                    "{} {} {}: record lost, the destination refused it: {}",
                    name,
                    event.requestId(),
                    condition,
                    e.toString());
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode jsonOrText(byte[] payload) {
        try {
            return Json.MAPPER.readTree(payload);
        } catch (java.io.IOException e) {
            return Json.MAPPER.getNodeFactory().textNode(new String(payload, StandardCharsets.UTF_8));
        }
    }

    /**
     * Parks the event until {@code due}.
     *
     * @return false when the queue was handed over meanwhile (the saved state has the event as it was)
     */
    private boolean requeue(AsyncEvent event, Instant due) {
        synchronized (queueLock) {
            if (handedOver) {
                return false;
            }
            queue.put(event.requestId(), new Queued(event, due));
        }
        wakeAt(due, event);
        return true;
    }

    private void wakeAt(Instant due, AsyncEvent event) {
        timers.at(due, () -> {
            if (!closed && !isHandedOver()) {
                dispatch(event);
            }
        });
    }

    /**
     * Takes a finished event (delivered, given up or discarded) out of the queue.
     *
     * @return false when the queue was handed over meanwhile: then its outcome is not acted on, since the
     *     saved state has it and the next run delivers it again
     */
    private boolean finish(AsyncEvent event) {
        synchronized (queueLock) {
            if (handedOver) {
                return false;
            }
            queue.remove(event.requestId());
            return true;
        }
    }

    private boolean isHandedOver() {
        synchronized (queueLock) {
            return handedOver;
        }
    }

    private void done() {
        if (asyncInFlight.decrementAndGet() == 0) {
            synchronized (idleSignal) {
                idleSignal.notifyAll();
            }
        }
    }

    // ---------------------------------------------------------------- persistence

    @Override
    public String stateName() {
        return "lambda";
    }

    /**
     * The asynchronous invocations not finished yet: waiting in the queue, waiting on the clock for a retry
     * or a throttle backoff, or running now. One that is running is saved as it was when its attempt began
     * and is delivered again by the next run (at least once, which Lambda also permits: "it's possible for
     * it to receive the same event from Lambda multiple times",
     * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html).
     *
     * <p>From this call on the queue belongs to the next run: no further attempt starts, and the outcome
     * of one still running is not acted on (no retry, no record to an on-failure destination), so {@link
     * #close()} ending it reports nothing. Asynchronous invokes are refused from then on.
     *
     * <p>Not carried over: synchronous invocations (their callers are gone), function processes and their
     * warm state, and the logs' contents (their files stay in the work directory).
     */
    @Override
    public JsonNode saveState() {
        List<Queued> unfinished;
        synchronized (queueLock) {
            handedOver = true;
            unfinished = List.copyOf(queue.values());
        }
        ObjectNode state = Json.MAPPER.createObjectNode();
        state.put("version", STATE_VERSION);
        ArrayNode invocations = state.putArray("asyncInvocations");
        for (Queued queued : unfinished) {
            AsyncEvent event = queued.event();
            String invoked = event.target().invokedArn();
            invocations.add(new SavedAsyncInvocation(
                            event.requestId(),
                            event.target().definition().name(),
                            isQualified(invoked) ? invoked.substring(invoked.lastIndexOf(':') + 1) : null,
                            event.payload(),
                            event.queued(),
                            queued.due(),
                            event.attempt(),
                            event.throttles(),
                            event.trace(),
                            event.lastFailure())
                    .toJson());
        }
        LOG.info("saved {} unfinished asynchronous invocations for the next run", unfinished.size());
        return state;
    }

    /**
     * Queues again what {@link #saveState()} answered, each for the function (and version or alias) it was
     * invoked by, which the deployment created again: with its request id, its attempts so far (so the
     * retry limit holds across the restart), its original queue time (so its maximum event age does) and
     * its next attempt at its original due time, or at once if that has passed. The functions' event
     * invoke configs apply as the deployment set them. An invocation whose function or qualifier no longer
     * exists, or whose entry cannot be read, is dropped with a warning; a state of another version restores
     * nothing.
     */
    @Override
    public void restoreState(JsonNode state) {
        if (!PersistentState.isVersion(state, STATE_VERSION, stateName())) {
            return;
        }
        List<SavedAsyncInvocation> saved = new ArrayList<>();
        for (JsonNode entry : state.path("asyncInvocations")) {
            try {
                saved.add(SavedAsyncInvocation.fromJson(entry));
            } catch (IllegalArgumentException e) {
                LOG.warn("dropped a saved asynchronous invocation that cannot be read: {}", e.getMessage());
            }
        }
        // Queue order: due first, then the older event.
        saved.sort(Comparator.comparing(SavedAsyncInvocation::nextAttemptAt)
                .thenComparing(SavedAsyncInvocation::queuedAt));
        int restored = 0;
        for (SavedAsyncInvocation invocation : saved) {
            Target target;
            try {
                target = resolve(invocation.function(), invocation.qualifier());
            } catch (LambdaException e) {
                LOG.warn(
                        "dropped asynchronous invocation {}: {} no longer exists",
                        invocation.requestId(),
                        invocation.qualifier() == null
                                ? invocation.function()
                                : invocation.function() + ":" + invocation.qualifier());
                continue;
            }
            AsyncEvent event = new AsyncEvent(
                    target,
                    invocation.payload(),
                    invocation.requestId(),
                    invocation.queuedAt(),
                    invocation.attemptsMade(),
                    invocation.throttles(),
                    invocation.trace(),
                    invocation.lastFailure());
            synchronized (queueLock) {
                if (queue.putIfAbsent(event.requestId(), new Queued(event, invocation.nextAttemptAt())) != null) {
                    continue; // the same request id twice: queued once
                }
            }
            wakeAt(invocation.nextAttemptAt(), event);
            restored++;
        }
        LOG.info("restored {} unfinished asynchronous invocations", restored);
    }

    /**
     * Waits until no asynchronous invocation is running (retries parked on a timer do not count); the
     * stack registers this as a quiescence check of its clock.
     *
     * @return whether idle was reached within {@code limit}
     */
    public boolean awaitIdle(Duration limit) {
        return Monitors.await(idleSignal, () -> asyncInFlight.get() == 0, limit);
    }

    // ---------------------------------------------------------------- observation

    /** Invocations of the function running now (its ConcurrentExecutions). */
    public int concurrentExecutions(String functionName) {
        return state(functionName).pool.busy();
    }

    /** The function's live processes (one per execution environment). */
    public List<ProcessHandle> processes(String functionName) {
        List<ProcessHandle> handles = new ArrayList<>();
        for (ExecutionEnvironment e : state(functionName).pool.environments()) {
            ProcessHandle h = e.handle();
            if (h != null && h.isAlive()) {
                handles.add(h);
            }
        }
        return handles;
    }

    /** Every live function process. */
    public List<ProcessHandle> processes() {
        List<ProcessHandle> handles = new ArrayList<>();
        functions.keySet().forEach(name -> handles.addAll(processes(name)));
        return handles;
    }

    /** The file the function's stdout/stderr and START/END/REPORT lines go to. */
    public Path logFile(String functionName) {
        return state(functionName).log.file();
    }

    // ---------------------------------------------------------------- lifecycle

    private void ensureOpen() {
        if (closed) {
            throw LambdaException.service("The local Lambda is shut down.");
        }
    }

    /** Stops every function process and the asynchronous queue. */
    @Override
    public void close() {
        closeQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is what called us.
        }
    }

    private void closeQuietly() {
        if (closed) {
            return;
        }
        closed = true;
        async.shutdownNow();
        functions.values().parallelStream().forEach(f -> f.pool.close());
        functions.values().forEach(f -> f.log.close());
        LOG.info("local Lambda closed");
    }

    /** How to build the service; every setting has the local stack's default. */
    public static final class Builder {
        private String region = "us-east-1";
        private String account = "000000000000";
        private Path workDirectory;
        private Timers timers = new SystemTimers();
        private int defaultConcurrency = 10;
        private Duration initTimeout = Duration.ofSeconds(10);
        private String accessKeyId = "local";
        private String secretAccessKey = "local";
        private String sessionToken = "local";
        private String xrayDaemonAddress = "127.0.0.1:2000";
        private TraceSegments segments = TraceSegments.DISCARD;
        private AsyncFailureDestinations asyncFailureDestinations = (arn, record) -> {
            throw new IllegalStateException("no SQS to send invocation records to");
        };

        private Builder() {}

        /** Where records of failed asynchronous invocations go (the stack's SQS). */
        public Builder asyncFailureDestinations(AsyncFailureDestinations value) {
            this.asyncFailureDestinations = Objects.requireNonNull(value);
            return this;
        }

        public Builder region(String value) {
            this.region = Objects.requireNonNull(value);
            return this;
        }

        public Builder account(String value) {
            this.account = Objects.requireNonNull(value);
            return this;
        }

        /** Where logs ({@code logs/<function>.log}), task directories and the RIC's JNI library go. */
        public Builder workDirectory(Path value) {
            this.workDirectory = value;
            return this;
        }

        /** The stack's clock, for retries of asynchronous invocations. */
        public Builder timers(Timers value) {
            this.timers = Objects.requireNonNull(value);
            return this;
        }

        /** Concurrency of a function without ReservedConcurrentExecutions (processes per function). */
        public Builder defaultConcurrency(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("defaultConcurrency must be at least 1");
            }
            this.defaultConcurrency = value;
            return this;
        }

        /** How long a new environment may take to ask for its first invocation (Lambda: 10 s). */
        public Builder initTimeout(Duration value) {
            this.initTimeout = Objects.requireNonNull(value);
            return this;
        }

        /** The credentials functions get (the stack accepts any). */
        public Builder credentials(String accessKey, String secretKey, String token) {
            this.accessKeyId = Objects.requireNonNull(accessKey);
            this.secretAccessKey = Objects.requireNonNull(secretKey);
            this.sessionToken = Objects.requireNonNull(token);
            return this;
        }

        /** {@code host:port} of the X-Ray daemon functions send segments to. */
        public Builder xrayDaemonAddress(String value) {
            if (value.lastIndexOf(':') <= 0) {
                throw new IllegalArgumentException("expected host:port, got " + value);
            }
            this.xrayDaemonAddress = value;
            return this;
        }

        /** Where sampled invocations of actively traced functions record their X-Ray segments. */
        public Builder segments(TraceSegments value) {
            this.segments = Objects.requireNonNull(value);
            return this;
        }

        public LambdaService build() {
            return new LambdaService(this);
        }
    }

    /** Wall-clock timers, for use without the stack's clock. */
    private static final class SystemTimers implements Timers {
        private final java.util.concurrent.ScheduledExecutorService scheduler =
                Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().daemon().name("lambda-timers").factory());

        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public void at(Instant due, Runnable task) {
            long delay = Math.max(0, Duration.between(Instant.now(), due).toMillis());
            scheduler.schedule(task, delay, TimeUnit.MILLISECONDS);
        }
    }
}
