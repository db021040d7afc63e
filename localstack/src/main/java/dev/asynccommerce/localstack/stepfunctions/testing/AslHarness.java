package dev.asynccommerce.localstack.stepfunctions.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.localstack.clock.VirtualClock;
import dev.asynccommerce.localstack.stepfunctions.Json;
import dev.asynccommerce.localstack.stepfunctions.StepFunctionsApi;
import dev.asynccommerce.localstack.stepfunctions.StepFunctionsEngine;
import dev.asynccommerce.localstack.stepfunctions.TaskInterceptor;
import dev.asynccommerce.localstack.stepfunctions.integration.IntegrationPattern;
import dev.asynccommerce.localstack.stepfunctions.integration.LocalFunctions;
import dev.asynccommerce.localstack.stepfunctions.integration.ServiceIntegration;
import dev.asynccommerce.localstack.stepfunctions.integration.TaskCall;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a States Language definition (e.g. a {@code statemachines/*.asl.json}) on the local engine
 * with stubbed task results, in the spirit of Step Functions Local's mock configurations and the
 * TestState API: input/output processing, Choice, Wait, Retry, Catch, Parallel and Map all run for
 * real; only the named Task states' calls are replaced. Time is a manual {@link VirtualClock}.
 *
 * <pre>{@code
 * AslRun run = AslHarness.fromClasspath("statemachines/bopis.asl.json")
 *         .substitution("PaymentsQueueUrl", "https://sqs.local/payments")
 *         .stub("ReserveStock", "{\"reserved\": true}")
 *         .stubFailures("CapturePayment", "Payments.Transient", "timeout", 2)
 *         .start("{\"orderId\": \"o-1\"}");
 * run.sendTaskSuccess("WaitForPickup", "{\"collected\": true}");
 * assertThat(run.awaitEnd().status()).isEqualTo("SUCCEEDED");
 * }</pre>
 *
 * <p>A {@code .waitForTaskToken} task that has no stub is accepted by a recording integration and
 * waits for {@link AslRun#sendTaskSuccess}; a request-response task that has no stub and no
 * configured integration fails the execution with States.Runtime naming the resource. A stub must
 * name a Task state of the definition: a misspelt name fails at once instead of silently leaving the
 * real resource to be called. Depends on no test framework: failures are {@link AssertionError}s.
 */
public final class AslHarness {
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    private final String definition;
    private final Map<String, String> substitutions = new LinkedHashMap<>();
    private final Map<String, List<TaskInterceptor.Outcome>> stubs = new ConcurrentHashMap<>();
    private final Map<String, UnaryOperator<JsonNode>> functions = new HashMap<>();
    private final List<ServiceIntegration> integrations = new ArrayList<>();
    private final List<TaskCall> recordedCalls = new CopyOnWriteArrayList<>();
    private Instant start = Instant.parse("2026-01-01T00:00:00Z");
    private String type = "STANDARD";
    /** The definition's states and their types, read once; null when it is not JSON before substitution. */
    private Map<String, String> declaredStates;

    private boolean declaredStatesRead;

    private AslHarness(String definition) {
        this.definition = definition;
    }

    /** A definition given as JSON text. */
    public static AslHarness of(String definitionJson) {
        return new AslHarness(definitionJson);
    }

    /** A definition read from the classpath (resources are never read by {@code ../} paths). */
    public static AslHarness fromClasspath(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("no classpath resource " + resource);
            }
            return new AslHarness(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static AslHarness fromFile(Path file) {
        try {
            return new AslHarness(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces {@code ${name}} in the definition, as CloudFormation's DefinitionSubstitutions do. */
    public AslHarness substitution(String name, String value) {
        substitutions.put(name, value);
        return this;
    }

    /** Every call of Task state {@code stateName} succeeds with {@code resultJson}. */
    public AslHarness stub(String stateName, String resultJson) {
        requireStubbable(stateName);
        stubs.put(stateName, List.of(new TaskInterceptor.Return(Json.parse(resultJson))));
        return this;
    }

    /** Every call of {@code stateName} fails with {@code error} and {@code cause}. */
    public AslHarness stubFailure(String stateName, String error, String cause) {
        requireStubbable(stateName);
        stubs.put(stateName, List.of(new TaskInterceptor.Throw(error, cause)));
        return this;
    }

    /** The first {@code times} calls of {@code stateName} fail; later calls use the previous stub. */
    public AslHarness stubFailures(String stateName, String error, String cause, int times) {
        requireStubbable(stateName);
        List<TaskInterceptor.Outcome> sequence = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            sequence.add(new TaskInterceptor.Throw(error, cause));
        }
        List<TaskInterceptor.Outcome> after = stubs.getOrDefault(stateName, List.of());
        sequence.addAll(after.isEmpty() ? List.of() : List.of(after.getLast()));
        stubs.put(stateName, List.copyOf(sequence));
        return this;
    }

    /** Successive calls (attempts) of {@code stateName} get these outcomes; the last repeats. */
    public AslHarness stubSequence(String stateName, TaskInterceptor.Outcome... outcomes) {
        requireStubbable(stateName);
        stubs.put(stateName, List.of(outcomes));
        return this;
    }

    /** A Lambda function, by name or ARN, for unstubbed {@code lambda:invoke} and bare-ARN tasks. */
    public AslHarness function(String nameOrArn, UnaryOperator<JsonNode> handler) {
        functions.put(functionName(nameOrArn), handler);
        return this;
    }

    /** A real service integration (e.g. DynamoDB against DynamoDB Local). */
    public AslHarness integration(ServiceIntegration integration) {
        integrations.add(integration);
        return this;
    }

    /** The clock's starting instant (default 2026-01-01T00:00:00Z). */
    public AslHarness startingAt(Instant instant) {
        this.start = instant;
        return this;
    }

    /** Runs as an EXPRESS state machine instead of STANDARD. */
    public AslHarness express() {
        this.type = "EXPRESS";
        return this;
    }

    /** The definition after substitutions. */
    public String resolvedDefinition() {
        Matcher m = SUBSTITUTION.matcher(definition);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = substitutions.get(m.group(1));
            if (value == null) {
                throw new AssertionError("no substitution given for ${" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Creates the state machine on a fresh engine and starts one execution with {@code inputJson}. */
    public AslRun start(String inputJson) {
        String resolved = resolvedDefinition();
        // Checked again on the substituted text: a definition that was not JSON before substitution
        // could not be checked when the stubs were given.
        Map<String, String> states = statesOf(resolved);
        if (states != null) {
            stubs.keySet().forEach(name -> requireStubbable(name, states));
        }
        VirtualClock clock = VirtualClock.manual(start);
        StepFunctionsEngine.Builder builder = StepFunctionsEngine.builder()
                .clock(clock)
                .taskInterceptor(this::intercept)
                .localFunctions(this::invokeFunction);
        for (String service : List.of("sqs", "events")) {
            builder.integration(new RecordingCallbacks(service));
        }
        integrations.forEach(builder::integration);
        StepFunctionsEngine engine = builder.build();
        StepFunctionsApi api = new StepFunctionsApi(engine);
        JsonNode created = AslRun.call(
                api,
                "CreateStateMachine",
                Json.object()
                        .put("name", "harness")
                        .put("definition", resolved)
                        .put("roleArn", "arn:aws:iam::000000000000:role/harness")
                        .put("type", type));
        JsonNode started = AslRun.call(
                api,
                "StartExecution",
                Json.object()
                        .put("stateMachineArn", created.get("stateMachineArn").asText())
                        .put("name", "run")
                        .put("input", inputJson));
        AslRun run = new AslRun(engine, api, clock, started.get("executionArn").asText(), recordedCalls);
        run.settle();
        return run;
    }

    private void requireStubbable(String stateName) {
        if (!declaredStatesRead) {
            declaredStates = statesOf(definition);
            declaredStatesRead = true;
        }
        if (declaredStates != null) {
            requireStubbable(stateName, declaredStates);
        }
    }

    private static void requireStubbable(String stateName, Map<String, String> states) {
        String type = states.get(stateName);
        if (type == null) {
            List<String> tasks = states.entrySet().stream()
                    .filter(e -> "Task".equals(e.getValue()))
                    .map(Map.Entry::getKey)
                    .toList();
            throw new AssertionError("stub for '" + stateName + "': the definition has no state of that name;"
                    + " its Task states are " + tasks);
        }
        if (!"Task".equals(type)) {
            throw new AssertionError("stub for '" + stateName + "': it is a " + type
                    + " state; only a Task state calls a resource that a stub can replace");
        }
    }

    /**
     * Every state of a definition, in Parallel branches and Map item processors too, with its Type;
     * null when the text is not JSON (placeholders not yet substituted).
     */
    private static Map<String, String> statesOf(String definitionText) {
        JsonNode root;
        try {
            root = Json.parse(definitionText);
        } catch (IllegalArgumentException e) {
            return null;
        }
        Map<String, String> types = new LinkedHashMap<>();
        collectStates(root, types);
        return types;
    }

    private static void collectStates(JsonNode machine, Map<String, String> into) {
        machine.path("States").properties().forEach(e -> {
            JsonNode state = e.getValue();
            into.put(e.getKey(), state.path("Type").asText());
            state.path("Branches").forEach(branch -> collectStates(branch, into));
            for (String processor : List.of("ItemProcessor", "Iterator")) {
                if (state.has(processor)) {
                    collectStates(state.get(processor), into);
                }
            }
        });
    }

    private final Map<String, Integer> calls = new ConcurrentHashMap<>();

    private Optional<TaskInterceptor.Outcome> intercept(
            String stateName, String resource, JsonNode parameters, int attempt) {
        List<TaskInterceptor.Outcome> outcomes = stubs.get(stateName);
        if (outcomes == null || outcomes.isEmpty()) {
            return Optional.empty();
        }
        // Calls are counted per state across the whole run, so a state visited in a loop moves on too.
        int call = calls.merge(stateName, 1, Integer::sum) - 1;
        return Optional.of(outcomes.get(Math.min(call, outcomes.size() - 1)));
    }

    private LocalFunctions.Invocation invokeFunction(
            String name, String qualifier, byte[] payload, boolean asynchronous) {
        UnaryOperator<JsonNode> handler = functions.get(functionName(name));
        if (handler == null) {
            throw new LocalFunctions.LambdaServiceException(
                    "ResourceNotFoundException", 404, "Function not found: " + name);
        }
        JsonNode result = handler.apply(Json.parse(new String(payload, StandardCharsets.UTF_8)));
        return LocalFunctions.Invocation.success(Json.write(result).getBytes(StandardCharsets.UTF_8));
    }

    private static String functionName(String nameOrArn) {
        String[] parts = nameOrArn.split(":");
        int at = List.of(parts).indexOf("function");
        return at >= 0 && at + 1 < parts.length ? parts[at + 1] : nameOrArn;
    }

    /** Accepts callback-pattern calls so the task waits for its token; records them. */
    private final class RecordingCallbacks implements ServiceIntegration {
        private final String service;

        RecordingCallbacks(String service) {
            this.service = service;
        }

        @Override
        public String service() {
            return service;
        }

        @Override
        public boolean supports(String action, IntegrationPattern pattern) {
            return pattern == IntegrationPattern.WAIT_FOR_TASK_TOKEN;
        }

        @Override
        public CompletionStage<JsonNode> call(TaskCall call) {
            recordedCalls.add(call);
            return CompletableFuture.completedFuture(Json.object());
        }
    }
}
