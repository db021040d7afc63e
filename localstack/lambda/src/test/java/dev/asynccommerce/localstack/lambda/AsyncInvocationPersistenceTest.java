package dev.asynccommerce.localstack.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.localstack.lambda.handlers.FailingHandler;
import dev.asynccommerce.localstack.spi.ManualTimers;
import dev.asynccommerce.localstack.spi.TraceContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unfinished asynchronous invocations carried over a restart: {@link LambdaService#saveState()} in one
 * service, {@link LambdaService#restoreState(JsonNode)} in a new one whose functions were created again,
 * as the stack does with {@code --persist}. No function process runs here: a function with reserved
 * concurrency 0 is throttled, so its events wait on the clock for their backoff, as they wait for a retry.
 */
class AsyncInvocationPersistenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-11-21T10:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String FAILURES = "arn:aws:sqs:us-east-1:000000000000:orders-failures";
    private static final String TRACE = "Root=1-6740a3c0-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=0";

    @TempDir
    Path work;

    /** Invocation records the second run sends to on-failure destinations. */
    private final List<String> records = new CopyOnWriteArrayList<>();

    @Test
    void anEventOlderThanItsMaximumAgeAfterTheRestartGoesToItsOnFailureDestinationInsteadOfRunning()
            throws IOException {
        JsonNode saved;
        String requestId;
        ManualTimers before = new ManualTimers(START);
        try (LambdaService first = service("first", before, List.of())) {
            first.createFunction(throttled("orders"));
            first.putEventInvokeConfig("orders", null, new AsyncInvokeConfig(2, Duration.ofSeconds(60), FAILURES));
            requestId = first.invokeAsync("orders", bytes("{\"orderId\":\"o-1\"}"), TraceContext.continuing(TRACE));
            assertThat(first.awaitIdle(WAIT)).isTrue();
            assertThat(before.nextDue()).as("throttled: back in 1 s").isEqualTo(START.plusSeconds(1));
            saved = restart(first.saveState());
        }

        // The stack was down for five minutes; the event's maximum age is one.
        ManualTimers after = new ManualTimers(START.plus(Duration.ofMinutes(5)));
        try (LambdaService second = service("second", after, records)) {
            // Created again as the deployment does, this time able to run: only the event's age stops it.
            second.createFunction(function("orders"));
            second.putEventInvokeConfig("orders", null, new AsyncInvokeConfig(2, Duration.ofSeconds(60), FAILURES));
            second.restoreState(saved);
            assertThat(records).isEmpty();

            after.advance(Duration.ZERO);
            assertThat(second.awaitIdle(WAIT)).isTrue();

            assertThat(records).singleElement().satisfies(sent -> {
                assertThat(sent).startsWith(FAILURES + " ");
                JsonNode record = JSON.readTree(sent.substring(FAILURES.length() + 1));
                assertThat(record.at("/requestContext/requestId").asText()).isEqualTo(requestId);
                assertThat(record.at("/requestContext/condition").asText()).isEqualTo("EventAgeExceeded");
                assertThat(record.at("/requestContext/functionArn").asText())
                        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:orders:$LATEST");
                assertThat(record.at("/requestContext/approximateInvokeCount").asInt())
                        .isZero();
                assertThat(record.path("requestPayload").toString()).isEqualTo("{\"orderId\":\"o-1\"}");
                assertThat(record.has("responseContext")).as("no attempt ran").isFalse();
            });
            assertThat(Files.readString(second.logFile("orders"))).doesNotContain("START RequestId");
            assertThat(second.processes("orders")).isEmpty();
            assertThat(after.pending()).isZero();
            assertThat(second.saveState().path("asyncInvocations")).isEmpty();
        }
    }

    @Test
    void anEventOfAFunctionTheDeploymentNoLongerHasIsDroppedAndTheOthersKeepTheirCounts() throws IOException {
        JsonNode saved;
        String kept;
        ManualTimers before = new ManualTimers(START);
        try (LambdaService first = service("first", before, List.of())) {
            first.createFunction(throttled("kept"));
            first.createFunction(throttled("removed"));
            kept = first.invokeAsync("kept", bytes("{}"));
            first.invokeAsync("removed", bytes("{}"));
            assertThat(first.awaitIdle(WAIT)).isTrue();
            assertThat(before.pending()).isEqualTo(2);
            saved = restart(first.saveState());
        }

        ManualTimers after = new ManualTimers(START.plusSeconds(10));
        try (LambdaService second = service("second", after, records)) {
            second.createFunction(throttled("kept"));
            second.restoreState(saved);
            assertThat(after.pending())
                    .as("only the event of a function that exists")
                    .isEqualTo(1);

            after.advance(Duration.ZERO); // its backoff was due at START + 1 s: it is tried at once, throttled again
            assertThat(second.awaitIdle(WAIT)).isTrue();

            JsonNode again = second.saveState().path("asyncInvocations");
            assertThat(again).singleElement().satisfies(invocation -> {
                assertThat(invocation.path("requestId").asText()).isEqualTo(kept);
                assertThat(invocation.path("function").asText()).isEqualTo("kept");
                assertThat(invocation.path("queuedAt").asText()).isEqualTo(START.toString());
                assertThat(invocation.path("throttles").asInt())
                        .as("one throttle before the restart, one after")
                        .isEqualTo(2);
                assertThat(invocation.path("nextAttemptAt").asText())
                        .as("the backoff doubled: 2 s")
                        .isEqualTo(START.plusSeconds(12).toString());
            });
        }
        assertThat(records).isEmpty();
    }

    @Test
    void aStateOfAnotherVersionRestoresNothing() {
        ObjectNode saved;
        try (LambdaService first = service("first", new ManualTimers(START), List.of())) {
            first.createFunction(throttled("orders"));
            first.invokeAsync("orders", bytes("{}"));
            assertThat(first.awaitIdle(WAIT)).isTrue();
            saved = (ObjectNode) first.saveState();
        }
        assertThat(saved.path("version").asInt()).isEqualTo(1);
        assertThat(saved.path("asyncInvocations")).hasSize(1);
        saved.put("version", 2);

        ManualTimers after = new ManualTimers(START);
        try (LambdaService second = service("second", after, records)) {
            second.createFunction(throttled("orders"));
            second.restoreState(saved);

            assertThat(after.pending()).isZero();
            assertThat(second.saveState().path("asyncInvocations")).isEmpty();
        }
    }

    @Test
    void anEntryThatCannotBeReadIsDroppedAndTheRestIsRestored() throws IOException {
        JsonNode saved;
        try (LambdaService first = service("first", new ManualTimers(START), List.of())) {
            first.createFunction(throttled("orders"));
            first.invokeAsync("orders", bytes("{}"));
            assertThat(first.awaitIdle(WAIT)).isTrue();
            saved = restart(first.saveState());
        }
        ((com.fasterxml.jackson.databind.node.ArrayNode) saved.path("asyncInvocations"))
                .addObject()
                .put("requestId", "unreadable")
                .put("function", "orders")
                .put("queuedAt", "yesterday");

        ManualTimers after = new ManualTimers(START);
        try (LambdaService second = service("second", after, records)) {
            second.createFunction(throttled("orders"));
            second.restoreState(saved);

            assertThat(after.pending()).isEqualTo(1);
        }
    }

    @Test
    void onceTheQueueIsHandedOverAnAsynchronousInvokeIsRefused() {
        try (LambdaService lambda = service("only", new ManualTimers(START), records)) {
            lambda.createFunction(throttled("orders"));
            lambda.saveState();

            assertThatThrownBy(() -> lambda.invokeAsync("orders", bytes("{}")))
                    .isInstanceOfSatisfying(
                            LambdaException.class,
                            e -> assertThat(e.errorType()).isEqualTo("ServiceException"));
        }
    }

    // ------------------------------------------------------------------ helpers

    private LambdaService service(String run, ManualTimers timers, List<String> sink) {
        return LambdaService.builder()
                .workDirectory(work.resolve(run))
                .timers(timers)
                .asyncFailureDestinations((arn, record) -> sink.add(arn + " " + record))
                .build();
    }

    private static FunctionDefinition function(String name) {
        return FunctionDefinition.of(
                name, FailingHandler.class.getName() + "::handleRequest", LambdaInvokeIT.testClasses(), Map.of());
    }

    /** Reserved concurrency 0: every attempt is throttled, no process starts. */
    private static FunctionDefinition throttled(String name) {
        return function(name).withReservedConcurrency(0);
    }

    /** Through text, as the stack writes the state to a file and reads it back. */
    private static JsonNode restart(JsonNode state) throws IOException {
        return JSON.readTree(JSON.writeValueAsString(state));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
