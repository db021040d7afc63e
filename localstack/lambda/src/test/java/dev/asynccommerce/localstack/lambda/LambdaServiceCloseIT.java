package dev.asynccommerce.localstack.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynccommerce.localstack.lambda.handlers.ColdStartHandler;
import dev.asynccommerce.localstack.lambda.handlers.SleepingHandler;
import dev.asynccommerce.localstack.spi.ManualTimers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing the service leaves no function process behind, even one in the middle of an invocation. */
class LambdaServiceCloseIT {
    @TempDir
    Path work;

    @Test
    void closingStopsEveryProcessAndEndsTheInvocationInFlight() throws Exception {
        Path code = Path.of(
                getClass().getProtectionDomain().getCodeSource().getLocation().toURI());
        LambdaService lambda = LambdaService.builder()
                .workDirectory(work)
                .timers(new ManualTimers(Instant.EPOCH))
                .build();
        lambda.createFunction(FunctionDefinition.of("warm", handler(ColdStartHandler.class), code, Map.of()));
        lambda.createFunction(FunctionDefinition.of("busy", handler(SleepingHandler.class), code, Map.of())
                .withTimeout(Duration.ofSeconds(60)));
        assertThat(lambda.invoke("warm", null, bytes("{}"), InvocationType.RequestResponse)
                        .failed())
                .isFalse();
        CompletableFuture<InvocationResult> inFlight = CompletableFuture.supplyAsync(
                () -> lambda.invoke("busy", null, bytes("{\"sleepMs\":60000}"), InvocationType.RequestResponse));
        LambdaInvokeIT.awaitTrue(() -> lambda.processes("busy").size() == 1);
        List<ProcessHandle> processes = lambda.processes();
        assertThat(processes).hasSize(2);

        lambda.close();

        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        InvocationResult interrupted = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(interrupted.functionError()).isEqualTo("Unhandled");
        assertThat(new String(interrupted.payload(), StandardCharsets.UTF_8)).contains("Runtime.ExitError");
        assertThatThrownBy(() -> lambda.invoke("warm", null, bytes("{}"), InvocationType.RequestResponse))
                .isInstanceOfSatisfying(
                        LambdaException.class, e -> assertThat(e.errorType()).isEqualTo("ServiceException"));
    }

    private static String handler(Class<?> type) {
        return type.getName() + "::handleRequest";
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
