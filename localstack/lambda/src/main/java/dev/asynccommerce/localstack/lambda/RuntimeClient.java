package dev.asynccommerce.localstack.lambda;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where AWS's runtime interface client lives on this machine and how a child JVM runs it: the RIC jar
 * and the jars it needs at run time, found from this module's own classpath (the code source of one
 * class of each), and its JNI library, unpacked once per service.
 *
 * <p>The RIC would otherwise unpack its native library to the fixed path {@code
 * /tmp/.libaws-lambda-jni.so} in every process; two functions starting at once would write the file
 * while the other loads it. The RIC honours a system property naming the library instead, which is
 * what the child JVMs get.
 */
final class RuntimeClient {
    static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    /** One class from each jar a Lambda Java runtime puts beside the function. */
    private static final List<String> RUNTIME_CLASSES = List.of(
            MAIN_CLASS, // aws-lambda-java-runtime-interface-client
            "com.amazonaws.services.lambda.runtime.RequestHandler", // aws-lambda-java-core
            "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer", // aws-lambda-java-serialization
            "software.amazon.awssdk.utilslite.SdkInternalThreadLocal"); // utils-lite (trace id hand-off)

    private final List<Path> classpath;
    private final Path nativeLibrary;

    private RuntimeClient(List<Path> classpath, Path nativeLibrary) {
        this.classpath = classpath;
        this.nativeLibrary = nativeLibrary;
    }

    /** Finds the RIC's jars and unpacks its JNI library into {@code directory}. */
    static RuntimeClient locate(Path directory) {
        Set<Path> jars = new LinkedHashSet<>();
        for (String className : RUNTIME_CLASSES) {
            jars.add(codeSource(className));
        }
        return new RuntimeClient(List.copyOf(jars), unpackNativeLibrary(directory));
    }

    private static Path codeSource(String className) {
        try {
            Class<?> type = Class.forName(className, false, RuntimeClient.class.getClassLoader());
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                throw new IllegalStateException("no code source for " + className);
            }
            return Path.of(source.getLocation().toURI());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "the Lambda runtime interface client is not on the classpath (" + className + ")", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path unpackNativeLibrary(Path directory) {
        String resource = "/jni/" + nativeLibraryName();
        Path target = directory.resolve("libaws-lambda-jni.so");
        try (InputStream in = RuntimeClient.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the runtime interface client jar has no " + resource);
            }
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, "libaws-lambda-jni", ".part");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new IllegalStateException("cannot unpack the runtime interface client's native library", e);
        }
    }

    /** The RIC ships Linux builds only (glibc and musl, x86_64 and arm64), as Lambda runs Linux. */
    private static String nativeLibraryName() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            throw new IllegalStateException("the local Lambda runs functions through AWS's runtime interface client,"
                    + " which is built for Linux only; this is " + System.getProperty("os.name"));
        }
        String arch = System.getProperty("os.arch", "");
        boolean arm = arch.equals("aarch64") || arch.equals("arm64");
        boolean musl = Files.exists(Path.of(arm ? "/lib/ld-musl-aarch64.so.1" : "/lib/ld-musl-x86_64.so.1"));
        return "libaws-lambda-jni." + (musl ? "linux_musl-" : "linux-") + (arm ? "aarch_64" : "x86_64") + ".so";
    }

    /**
     * The command that starts one execution environment: this JVM's own {@code java}, the runtime's
     * jars first and then the function's code (as on Lambda, where the runtime's classes sit in the
     * parent class loader and win over copies shaded into the function's jar), and the RIC's main class.
     */
    List<String> command(FunctionDefinition function) {
        Path javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> entries = new ArrayList<>();
        classpath.forEach(p -> entries.add(p.toString()));
        entries.add(function.code().toAbsolutePath().toString());
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.add("-Xmx" + function.memoryMb() + "m");
        // Lambda's Java runtimes start with C1 only and the serial collector: the cold start matters more
        // than peak throughput for short invocations.
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xshare:auto");
        // The RIC loads JNI and uses sun.misc.Unsafe; say so, rather than print warnings into every log.
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("--sun-misc-unsafe-memory-access=allow");
        command.add("-D" + JNI_PROPERTY + "=" + nativeLibrary);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, entries));
        command.add(MAIN_CLASS);
        command.add(function.handler());
        return command;
    }

    List<Path> classpath() {
        return classpath;
    }
}
