package dev.asynccommerce.localstack.lambda;

import static dev.asynccommerce.localstack.lambda.LambdaInvokeIT.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asynccommerce.localstack.lambda.handlers.EchoHandler;
import dev.asynccommerce.localstack.lambda.handlers.FailingHandler;
import dev.asynccommerce.localstack.lambda.handlers.SleepingHandler;
import dev.asynccommerce.localstack.spi.ManualTimers;
import dev.asynccommerce.localstack.spi.TraceContext;
import dev.asynccommerce.localstack.spi.TraceSegments;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unfinished asynchronous invocations of running functions carried over a restart: saved by one
 * service, restored into a new one whose functions were created again, as the stack does with {@code
 * --persist}. One function process at a time: the first run's is stopped before the second run starts its own.
 */
class AsyncInvocationPersistenceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-11-21T10:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String FAILURES = "arn:aws:sqs:us-east-1:000000000000:orders-failures";
    private static final String ROOT = "1-6740a3c0-0123456789abcdef01234567";

    @TempDir
    Path work;

    private final List<String> recordsBefore = new CopyOnWriteArrayList<>();
    private final List<String> recordsAfter = new CopyOnWriteArrayList<>();

    @Test
    void anEventWaitingForItsRetryIsRetriedByTheNextRunAtItsDueTimeAndTheRetryLimitHolds() throws Exception {
        AsyncInvokeConfig oneRetry = new AsyncInvokeConfig(1, Duration.ofHours(1), FAILURES);
        JsonNode saved;
        String requestId;
        ManualTimers before = new ManualTimers(START);
        try (LambdaService first = service("first", before, recordsBefore, TraceSegments.DISCARD)) {
            first.createFunction(function("orders", FailingHandler.class));
            first.putEventInvokeConfig("orders", null, oneRetry);
            requestId = first.invokeAsync("orders", bytes("{\"reason\":\"restart\"}"));
            String attempt = "failing " + requestId;
            awaitTrue(() ->
                    LambdaInvokeIT.count(first.logFile("orders"), attempt) == 1 && first.awaitIdle(Duration.ZERO));
            assertThat(before.nextDue()).isEqualTo(START.plus(Duration.ofMinutes(1)));

            before.advance(Duration.ofSeconds(30));
            saved = JSON.readTree(JSON.writeValueAsString(first.saveState()));
        }
        assertThat(recordsBefore).isEmpty();

        ManualTimers after = new ManualTimers(START.plusSeconds(30));
        try (LambdaService second = service("second", after, recordsAfter, TraceSegments.DISCARD)) {
            second.createFunction(function("orders", FailingHandler.class));
            second.putEventInvokeConfig("orders", null, oneRetry);
            second.restoreState(saved);
            Path log = second.logFile("orders");
            String attempt = "failing " + requestId;

            assertThat(after.nextDue()).as("the original due time").isEqualTo(START.plus(Duration.ofMinutes(1)));
            after.advance(Duration.ofSeconds(29));
            assertThat(LambdaInvokeIT.count(log, attempt)).isZero();

            after.advance(Duration.ofSeconds(1));
            awaitTrue(() -> LambdaInvokeIT.count(log, attempt) == 1 && second.awaitIdle(Duration.ZERO));

            // Attempt two of two: no further retry, whatever the restart.
            assertThat(after.pending()).isZero();
            assertThat(recordsAfter).singleElement().satisfies(sent -> {
                JsonNode record = JSON.readTree(sent.substring(FAILURES.length() + 1));
                assertThat(record.at("/requestContext/requestId").asText()).isEqualTo(requestId);
                assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetriesExhausted");
                assertThat(record.at("/requestContext/approximateInvokeCount").asInt())
                        .isEqualTo(2);
                assertThat(record.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
                assertThat(record.at("/responsePayload/errorMessage").asText()).isEqualTo("refused: restart");
            });
        }
    }

    @Test
    void anEventRunningAtTheSaveIsNotReportedByTheClosingRunAndIsDeliveredAgainInItsTrace() throws Exception {
        AsyncInvokeConfig noRetry = new AsyncInvokeConfig(0, Duration.ofHours(1), FAILURES);
        JsonNode saved;
        String requestId;
        LambdaService first = service("first", new ManualTimers(START), recordsBefore, TraceSegments.DISCARD);
        try (first;
                Warnings warnings = new Warnings()) {
            first.createFunction(function("orders", SleepingHandler.class).withTimeout(Duration.ofSeconds(60)));
            first.putEventInvokeConfig("orders", null, noRetry);
            requestId = first.invokeAsync(
                    "orders",
                    bytes("{\"sleepMs\":60000}"),
                    TraceContext.continuing("Root=" + ROOT + ";Parent=53995c3f42cd8ad8;Sampled=1"));
            awaitTrue(() -> first.concurrentExecutions("orders") == 1
                    && first.processes("orders").size() == 1);

            saved = JSON.readTree(JSON.writeValueAsString(first.saveState()));
            // Closing ends the attempt in flight: without the hand-over it would be reported as failed (no
            // retry is left) or discarded with a warning, whichever of the process's end and the interrupt
            // comes first.
            first.close();
            assertThat(first.awaitIdle(WAIT)).isTrue();
            assertThat(warnings.messages).noneMatch(message -> message.contains(requestId));
        }
        assertThat(recordsBefore).as("the next run owns the event").isEmpty();

        // The next run's function answers at once (its code changed meanwhile), so the test need not wait
        // out the sleep to see the event delivered.
        List<String> segments = new CopyOnWriteArrayList<>();
        ManualTimers after = new ManualTimers(START.plusSeconds(30));
        try (LambdaService second = service("second", after, recordsAfter, segments::add)) {
            second.createFunction(function("orders", EchoHandler.class));
            second.putEventInvokeConfig("orders", null, noRetry);
            second.restoreState(saved);
            Path log = second.logFile("orders");

            after.advance(Duration.ZERO);
            awaitTrue(() ->
                    LambdaInvokeIT.count(log, "END RequestId: " + requestId) == 1 && second.awaitIdle(Duration.ZERO));

            assertThat(Files.readString(log)).contains("echo {sleepMs=60000}");
            assertThat(recordsAfter).isEmpty();
            assertThat(after.pending()).isZero();
            assertThat(segments)
                    .isNotEmpty()
                    .allSatisfy(document -> assertThat(
                                    JSON.readTree(document).path("trace_id").asText())
                            .isEqualTo(ROOT));
        }
    }

    // ------------------------------------------------------------------ helpers

    /** What the service logs at WARN or above while this is open. */
    private static final class Warnings extends AbstractAppender implements AutoCloseable {
        final List<String> messages = new CopyOnWriteArrayList<>();
        private final Logger logger = (Logger) LogManager.getLogger(LambdaService.class);

        Warnings() {
            super("persistence-warnings", null, null, true, Property.EMPTY_ARRAY);
            start();
            logger.addAppender(this);
        }

        @Override
        public void append(LogEvent event) {
            if (event.getLevel().isMoreSpecificThan(Level.WARN)) {
                messages.add(event.getMessage().getFormattedMessage());
            }
        }

        @Override
        public void close() {
            logger.removeAppender(this);
            stop();
        }
    }

    private LambdaService service(String run, ManualTimers timers, List<String> records, TraceSegments segments) {
        return LambdaService.builder()
                .workDirectory(work.resolve(run))
                .timers(timers)
                .segments(segments)
                .asyncFailureDestinations((arn, record) -> records.add(arn + " " + record))
                .build();
    }

    private static FunctionDefinition function(String name, Class<?> handler) {
        return FunctionDefinition.of(
                        name, handler.getName() + "::handleRequest", LambdaInvokeIT.testClasses(), Map.of())
                .withTimeout(Duration.ofSeconds(20));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
