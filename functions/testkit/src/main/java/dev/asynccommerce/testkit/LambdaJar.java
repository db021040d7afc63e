package dev.asynccommerce.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;

/**
 * The shaded Lambda jar of the module under test ({@code target/*-lambda.jar}), read as Lambda would
 * receive it: tests check that it holds every handler and what they need, and none of the
 * test-only weight (DynamoDB Local, JUnit, Jetty) that would slow every cold start.
 */
public final class LambdaJar {
    /** Packages that must never reach a function jar. */
    public static final List<String> TEST_ONLY = List.of(
            "com/amazonaws/services/dynamodbv2/local/",
            "org/junit/",
            "org/eclipse/jetty/",
            "org/assertj/",
            "software/amazon/awssdk/http/apache/",
            "software/amazon/awssdk/http/nio/netty/");

    private final Path path;
    private final Set<String> entries;

    private LambdaJar(Path path, Set<String> entries) {
        this.path = path;
        this.entries = entries;
    }

    /** The one {@code *-lambda.jar} in the module's {@code target} directory (Failsafe runs after package). */
    public static LambdaJar ofThisModule() {
        Path target = Path.of("target");
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(target, "*-lambda.jar")) {
            found.forEach(jars::add);
        } catch (IOException e) {
            throw new UncheckedIOException("no target directory: run through mvn verify", e);
        }
        if (jars.size() != 1) {
            throw new IllegalStateException(
                    "expected one *-lambda.jar in " + target.toAbsolutePath() + ", found " + jars);
        }
        Set<String> entries = new TreeSet<>();
        try (JarFile jar = new JarFile(jars.getFirst().toFile())) {
            jar.stream().forEach(e -> entries.add(e.getName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LambdaJar(jars.getFirst(), Collections.unmodifiableSet(entries));
    }

    public Path path() {
        return path;
    }

    public boolean contains(String entry) {
        return entries.contains(entry);
    }

    public boolean containsClass(String className) {
        return entries.contains(className.replace('.', '/') + ".class");
    }

    /** Entries under any of the test-only packages; empty for a good jar. */
    public List<String> testOnlyEntries() {
        return entries.stream()
                .filter(e -> TEST_ONLY.stream().anyMatch(e::startsWith))
                .limit(20)
                .toList();
    }
}
