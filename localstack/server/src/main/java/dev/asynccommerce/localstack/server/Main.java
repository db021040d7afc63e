package dev.asynccommerce.localstack.server;

import dev.asynccommerce.localstack.deployer.CloudAssembly;
import dev.asynccommerce.localstack.deployer.DeploymentException;
import dev.asynccommerce.localstack.deployer.StackOutputs;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./local-stack}: starts the project's own local AWS stack (not the LocalStack product),
 * deploys the synthesized CDK stack into it, seeds demo data, writes the outputs file and stays up
 * until interrupted.
 */
public final class Main {
    static final String USAGE = """
            Usage: ./local-stack [--port N] [--persist DIR] [--no-seed]

            Starts the project's own local AWS stack (not the LocalStack product) on 127.0.0.1,
            deploys the synthesized CDK stack (infra-cdk/cdk.out) into it, seeds demo data and writes
            localstack/target/stack-outputs.json. Runs until Ctrl-C.

              --port N        port of the AWS endpoint (default 4566; 0 = any free port)
              --persist DIR   keep the stack's state in DIR across restarts (default: in memory):
                              tables, queued messages, running workflows, archives, stream
                              positions, queued Lambda events and the clock; restart on the
                              same --port. WebSocket clients are disconnected at the stop.
              --no-seed       do not seed the demo catalog and stock
              --help          this text
            """;

    private Main() {}

    record Arguments(int port, Path persist, boolean seed, Path cdkOut, Path outputs, String stackName) {}

    public static void main(String[] args) {
        PrintStream out = System.out;
        Arguments arguments;
        try {
            arguments = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("local-stack: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (arguments == null) {
            out.println(USAGE);
            return;
        }
        long started = System.nanoTime();
        LocalStack stack;
        try {
            if (!Files.isRegularFile(arguments.cdkOut().resolve("manifest.json"))) {
                throw new IllegalStateException(
                        "no synthesized stack at " + arguments.cdkOut() + ": run ./local-stack, which synthesizes it");
            }
            stack = LocalStack.start(new LocalStack.Options(arguments.port(), arguments.persist(), "us-east-1", null));
        } catch (RuntimeException e) {
            System.err.println("local-stack: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        try {
            LocalDeployment.Result deployed = stack.deploy(
                    CloudAssembly.read(arguments.cdkOut(), arguments.stackName()),
                    Map.of(),
                    arguments.seed() ? d -> DemoData.seed(stack, d) : d -> {});
            StackOutputs.write(arguments.outputs(), arguments.stackName(), deployed.outputs());
            Path tokens = arguments.outputs().resolveSibling("dev-tokens.json");
            // On the stack clock, which the authorizer checks expiry against: after a restart with
            // --persist it may be days ahead of the wall clock.
            DevTokens.write(
                    tokens, DevTokens.mint(stack, deployed, stack.clock().now()));
            out.println("Not emulated (no local meaning): " + String.join(", ", deployed.notEmulatedTypes()));
            if (!deployed.notEmulatedProperties().isEmpty()) {
                out.println("Properties accepted without local meaning: "
                        + String.join(", ", new java.util.TreeSet<>(deployed.notEmulatedProperties())));
            }
            out.println("Local stack ready in "
                    + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
            deployed.outputs().forEach((key, value) -> out.println("  " + key + " = " + value));
            out.println("Outputs written to " + arguments.outputs().toAbsolutePath());
            out.println("Store-staff tokens written to " + tokens.toAbsolutePath());
        } catch (RuntimeException e) {
            // A template the stack cannot honour, or a service refusing a call: say which, and stop.
            System.err.println("local-stack: cannot deploy: "
                    + (e instanceof DeploymentException ? "" : e.getClass().getSimpleName() + ": ") + e.getMessage());
            stack.close();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stack.close();
                            stopped.countDown();
                        },
                        "local-stack-stop"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The parsed flags, or null for --help. */
    static Arguments parse(String[] args) {
        int port = 4566;
        Path persist = null;
        boolean seed = true;
        Path cdkOut = Path.of("infra-cdk/cdk.out");
        Path outputs = Path.of("localstack/target/stack-outputs.json");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--port" -> port = port(value(args, ++i, "--port"));
                case "--persist" -> persist = Path.of(value(args, ++i, "--persist"));
                case "--no-seed" -> seed = false;
                case "--cdk-out" -> cdkOut = Path.of(value(args, ++i, "--cdk-out"));
                case "--outputs" -> outputs = Path.of(value(args, ++i, "--outputs"));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new Arguments(port, persist, seed, cdkOut, outputs, "AsyncCommerce");
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port takes 0..65535, got " + text);
        }
    }
}
