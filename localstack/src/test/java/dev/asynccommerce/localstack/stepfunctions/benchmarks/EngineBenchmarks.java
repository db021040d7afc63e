package dev.asynccommerce.localstack.stepfunctions.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.localstack.clock.VirtualClock;
import dev.asynccommerce.localstack.spi.AwsJsonProtocol;
import dev.asynccommerce.localstack.stepfunctions.Json;
import dev.asynccommerce.localstack.stepfunctions.StepFunctionsApi;
import dev.asynccommerce.localstack.stepfunctions.StepFunctionsEngine;
import dev.asynccommerce.localstack.stepfunctions.integration.IntegrationPattern;
import dev.asynccommerce.localstack.stepfunctions.integration.ServiceIntegration;
import dev.asynccommerce.localstack.stepfunctions.integration.TaskCall;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The three measurements: a chain of 1,000 Pass states, an inline Map over 1,000 items
 * (each time is one whole execution, so transitions per second = 1,000 / time), and 10,000
 * executions waiting on task tokens (time to start them all; heap per waiting execution printed at
 * tear-down). Run by the command in docs/benchmarks.md, never by {@code mvn verify}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class EngineBenchmarks {
    private static final String ROLE = "arn:aws:iam::000000000000:role/bench";

    static JsonNode call(StepFunctionsApi api, String operation, ObjectNode request) {
        AwsJsonProtocol.Response response = api.handle(
                StepFunctionsApi.TARGET_PREFIX + operation, Json.write(request).getBytes(StandardCharsets.UTF_8));
        if (response.status() != 200) {
            throw new IllegalStateException(response.text());
        }
        return Json.parse(response.text());
    }

    static String passChain(int length) {
        StringBuilder states = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                states.append(',');
            }
            states.append("\"S")
                    .append(i)
                    .append("\":{\"Type\":\"Pass\",")
                    .append(i == length - 1 ? "\"End\":true" : "\"Next\":\"S" + (i + 1) + "\"")
                    .append('}');
        }
        return "{\"StartAt\":\"S0\",\"States\":{" + states + "}}";
    }

    /** One engine with one state machine; each invocation runs one execution to its end. */
    @State(Scope.Benchmark)
    public static class Machine {
        StepFunctionsEngine engine;
        StepFunctionsApi api;
        String arn;
        String input;

        void setUp(String definition, String input) {
            engine = StepFunctionsEngine.builder()
                    .clock(VirtualClock.manual(Instant.EPOCH))
                    .build();
            api = new StepFunctionsApi(engine);
            arn = call(
                            api,
                            "CreateStateMachine",
                            Json.object()
                                    .put("name", "bench")
                                    .put("roleArn", ROLE)
                                    .put("definition", definition))
                    .get("stateMachineArn")
                    .asText();
            this.input = input;
            runOnce();
            JsonNode executions = call(api, "ListExecutions", Json.object().put("stateMachineArn", arn));
            String status = executions.get("executions").get(0).get("status").asText();
            if (!"SUCCEEDED".equals(status)) {
                throw new IllegalStateException("the benchmark's execution did not succeed: " + status);
            }
        }

        /** Executions keep their history (AWS keeps it 90 days); drop them so the heap stays flat. */
        @TearDown(Level.Iteration)
        public void forget() {
            engine.clearExecutions();
        }

        void runOnce() {
            engine.startExecution(arn, null, input);
            if (!engine.awaitIdle(Duration.ofMinutes(1))) {
                throw new IllegalStateException("execution did not finish");
            }
        }

        @TearDown
        public void close() {
            engine.close();
        }
    }

    public static class PassChain extends Machine {
        @Setup
        public void setUp() {
            setUp(passChain(1_000), "{\"orderId\":\"o-1\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":2}]}");
        }
    }

    public static class MapOverItems extends Machine {
        @Setup
        public void setUp() {
            StringBuilder items = new StringBuilder("[");
            for (int i = 0; i < 1_000; i++) {
                items.append(i == 0 ? "" : ",")
                        .append("{\"sku\":\"SKU-")
                        .append(i)
                        .append("\",\"quantity\":1}");
            }
            setUp("""
                    {"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.items",
                     "ItemProcessor":{"StartAt":"Line","States":{"Line":{"Type":"Pass","End":true}}},"End":true}}}""", "{\"items\":" + items + "]}");
        }
    }

    @Benchmark
    public void chainOf1000PassStates(PassChain machine) {
        machine.runOnce();
    }

    @Benchmark
    public void inlineMapOver1000Items(MapOverItems machine) {
        machine.runOnce();
    }

    /** 10,000 executions each parked on a {@code .waitForTaskToken} task. */
    @State(Scope.Benchmark)
    public static class Waiting {
        static final int EXECUTIONS = 10_000;
        StepFunctionsEngine engine;
        String arn;
        long heapBefore;

        @Setup(Level.Invocation)
        public void setUp() {
            engine = StepFunctionsEngine.builder()
                    .clock(VirtualClock.manual(Instant.EPOCH))
                    .integration(new AcceptingQueue())
                    .build();
            StepFunctionsApi api = new StepFunctionsApi(engine);
            arn = call(
                            api,
                            "CreateStateMachine",
                            Json.object()
                                    .put("name", "waiting")
                                    .put("roleArn", ROLE)
                                    .put("definition", """
                    {"StartAt":"AwaitPickup","States":{"AwaitPickup":{"Type":"Task",
                     "Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                     "Parameters":{"QueueUrl":"q","MessageBody":{"token.$":"$$.Task.Token","orderId.$":"$.orderId"}},
                     "HeartbeatSeconds":3600,"TimeoutSeconds":259200,"End":true}}}"""))
                    .get("stateMachineArn")
                    .asText();
            heapBefore = usedHeapAfterGc();
        }

        @TearDown(Level.Invocation)
        public void report() {
            long used = usedHeapAfterGc() - heapBefore;
            if (engine.openTaskTokens() != EXECUTIONS) {
                throw new IllegalStateException("expected " + EXECUTIONS + " waiting, got " + engine.openTaskTokens());
            }
            System.out.printf(
                    "%n[waiting executions] %d waiting, %.1f MiB heap, %d bytes per execution%n",
                    EXECUTIONS, used / 1048576.0, used / EXECUTIONS);
            engine.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 1)
    @Measurement(iterations = 5)
    // The serial collector's System.gc() is one full, compacting collection: the heap it leaves is what
    // is really retained, so the per-execution figure stops swinging with G1's region bookkeeping.
    @Fork(value = 1, jvmArgsAppend = "-XX:+UseSerialGC")
    public void start10000ExecutionsWaitingOnTaskTokens(Waiting waiting) {
        for (int i = 0; i < Waiting.EXECUTIONS; i++) {
            waiting.engine.startExecution(waiting.arn, "order-" + i, "{\"orderId\":\"o-" + i + "\"}");
        }
        if (!waiting.engine.awaitIdle(Duration.ofMinutes(2))) {
            throw new IllegalStateException("executions did not park");
        }
    }

    static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Accepts the message (the task then waits for its token), as a queue would. */
    static final class AcceptingQueue implements ServiceIntegration {
        private final AtomicLong ids = new AtomicLong();

        @Override
        public String service() {
            return "sqs";
        }

        @Override
        public boolean supports(String action, IntegrationPattern pattern) {
            return "sendMessage".equals(action);
        }

        @Override
        public CompletionStage<JsonNode> call(TaskCall call) {
            return CompletableFuture.completedFuture(Json.object().put("MessageId", "m-" + ids.incrementAndGet()));
        }
    }
}
