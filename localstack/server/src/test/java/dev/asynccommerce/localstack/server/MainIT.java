package dev.asynccommerce.localstack.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./local-stack's exits as a shell sees them: a separate JVM, its exit code and what it printed. */
class MainIT {
    @TempDir
    Path empty;

    private record Exit(int code, String out, String err) {}

    private static Exit run(String... args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(
                List.of(java.toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
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
}
