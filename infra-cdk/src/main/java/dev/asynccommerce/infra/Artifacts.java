package dev.asynccommerce.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the deployable pieces are: each context's shaded Lambda jar and the state machine
 * definitions. The CDK app runs from {@code infra-cdk/} (the CLI) or from its module directory (the
 * tests); both find the repository root above them.
 */
public record Artifacts(Path repositoryRoot, Path stateMachinesDir) {

    public static Artifacts locate() {
        Path root = findRepositoryRoot();
        return new Artifacts(root, root.resolve("statemachines"));
    }

    /** The same artifacts with state machines read from another directory (tests use fixtures). */
    public Artifacts withStateMachinesFrom(Path dir) {
        return new Artifacts(repositoryRoot, dir);
    }

    static Path findRepositoryRoot() {
        String configured = System.getenv("ASYNC_COMMERCE_ROOT");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("functions")) && Files.isDirectory(dir.resolve("infra-cdk"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "cannot find the repository root (a directory with functions/ and infra-cdk/) above "
                        + Path.of("").toAbsolutePath() + "; set ASYNC_COMMERCE_ROOT");
    }

    /** The shaded jar {@code functions/<module>/target/*-lambda.jar}, which {@code mvn package} builds. */
    public String lambdaJar(String module) {
        Path target = repositoryRoot.resolve("functions").resolve(module).resolve("target");
        List<Path> jars = new ArrayList<>();
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> found = Files.newDirectoryStream(target, "*-lambda.jar")) {
                found.forEach(jars::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (jars.size() != 1) {
            throw new IllegalStateException("expected one Lambda jar for '" + module + "' in " + target + ", found "
                    + jars.size() + ": run `mvn -DskipTests package` at the repository root first");
        }
        return jars.getFirst().toString();
    }

    /** Every {@code *.asl.json} to deploy, in name order (an absent directory holds none). */
    public List<Path> stateMachineDefinitions() {
        if (!Files.isDirectory(stateMachinesDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(stateMachinesDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".asl.json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
