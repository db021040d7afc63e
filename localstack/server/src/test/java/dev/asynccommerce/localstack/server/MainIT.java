package dev.asynccommerce.localstack.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ./local-stack as a shell sees it: a separate JVM, its exit code and what it printed; and one whole
 * run on the real template, from start to a stop that saves its state.
 */
class MainIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path empty;

    private record Exit(int code, String out, String err) {}

    /** ./local-stack's JVM with {@code args}, as the script starts it. */
    private static ProcessBuilder localStack(String... args) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(
                List.of(java.toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static Exit run(String... args) throws IOException, InterruptedException {
        Process process = localStack(args).start();
        process.getOutputStream().close();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
            throw new AssertionError("./local-stack did not exit");
        }
        return new Exit(
                process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsTheUsageAndExitsZero() throws Exception {
        Exit exit = run("--help");

        assertThat(exit.code()).isZero();
        assertThat(exit.out()).contains("Usage: ./local-stack");
    }

    @Test
    void aBadFlagExitsTwoWithTheReasonAndTheUsage() throws Exception {
        Exit exit = run("--prot", "1");

        assertThat(exit.code()).isEqualTo(2);
        assertThat(exit.err()).contains("local-stack: unknown option --prot").contains("Usage:");
    }

    @Test
    void withoutASynthesizedStackItExitsOneSayingWhatToDo() throws Exception {
        Exit exit = run(
                "--port",
                "0",
                "--cdk-out",
                empty.toString(),
                "--outputs",
                empty.resolve("o.json").toString());

        assertThat(exit.code()).isEqualTo(1);
        assertThat(exit.err())
                .contains("local-stack: cannot start: no synthesized stack at")
                .doesNotContain("\tat ");
        assertThat(empty.resolve("o.json")).doesNotExist();
    }

    /**
     * The whole life of ./local-stack on the real template: it serves, writes its outputs and the staff
     * tokens, prints the URLs, stays up until stopped, and on SIGTERM (as on Ctrl-C) saves the state of
     * its services in the data directory and exits.
     */
    @Test
    void aStartServesWritesItsFilesAndOnStopSavesTheStateOfEveryService(@TempDir Path work) throws Exception {
        Path cdkOut = work.resolve("cdk.out");
        RealTemplate.synthesize(cdkOut);
        Path data = work.resolve("data");
        Path outputs = work.resolve("target/stack-outputs.json");
        Process process = localStack(
                        "--port", "0",
                        "--persist", data.toString(),
                        "--cdk-out", cdkOut.toString(),
                        "--outputs", outputs.toString())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        StringBuffer printed = new StringBuffer();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (var lines = process.inputReader(StandardCharsets.UTF_8)) {
                lines.lines().forEach(line -> printed.append(line).append('\n'));
            } catch (IOException | java.io.UncheckedIOException e) {
                // The process ended.
            }
        });
        try {
            await().atMost(Duration.ofSeconds(180))
                    .until(() -> printed.toString().contains("Outputs written") || !process.isAlive());
            assertThat(printed.toString()).contains("Outputs written", "StorefrontApiUrl = http://127.0.0.1:");
            JsonNode written = JSON.readTree(outputs.toFile()).path("AsyncCommerce");
            String storefront = written.path("StorefrontApiUrl").asText();
            assertThat(JSON.readTree(outputs.resolveSibling("dev-tokens.json").toFile())
                            .at("/stores/store-001")
                            .asText())
                    .isNotBlank();
            HttpResponse<String> catalog = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(storefront + "/catalog/items"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(catalog.statusCode()).isEqualTo(200);
            assertThat(process.isAlive()).as("it stays up until stopped").isTrue();

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("it stops").isTrue();
            reader.join(Duration.ofSeconds(10));
            assertThat(data.resolve("state"))
                    .isDirectoryContaining(file -> file.getFileName().toString().equals("states.json"))
                    .isDirectoryContaining(file -> file.getFileName().toString().equals("events.json"))
                    .isDirectoryContaining(file -> file.getFileName().toString().equals("mappings.json"))
                    .isDirectoryContaining(file -> file.getFileName().toString().equals("lambda.json"))
                    .isDirectoryContaining(file -> file.getFileName().toString().equals("clock.json"));
            assertThat(JSON.readTree(data.resolve("state/states.json").toFile())
                            .path("version")
                            .asInt())
                    .isEqualTo(1);
            assertThat(data.resolve("sqs/queues.mv.db")).exists();
        } finally {
            process.destroyForcibly();
        }
    }
}
