package dev.asynccommerce.localstack.lambda;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A function as the deployer creates it from the template: what {@code AWS::Lambda::Function} says, with
 * Ref/GetAtt already resolved.
 *
 * @param name the function name (1–64 of {@code [A-Za-z0-9_-]})
 * @param arn its unqualified ARN, or null to derive it from the service's region and account
 * @param handler the Handler string, e.g. {@code com.example.Handler::handleRequest}
 * @param runtime the Runtime, e.g. {@code java21}; every Java runtime runs on this JVM's Java
 * @param code the function's jar or classes directory (the cdk.out asset)
 * @param environment the function's own environment variables (no Lambda-reserved keys)
 * @param memoryMb MemorySize, 128–10240; becomes the child JVM's {@code -Xmx}
 * @param timeout Timeout, 1 s–900 s, enforced by stopping the process
 * @param reservedConcurrency ReservedConcurrentExecutions, or null for the service's default limit
 * @param tracing TracingConfig.Mode; null means PassThrough, Lambda's default
 */
public record FunctionDefinition(
        String name,
        String arn,
        String handler,
        String runtime,
        Path code,
        Map<String, String> environment,
        int memoryMb,
        Duration timeout,
        Integer reservedConcurrency,
        TracingMode tracing) {

    public FunctionDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(code, "code");
        runtime = runtime == null ? "java21" : runtime;
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        timeout = timeout == null ? Duration.ofSeconds(3) : timeout;
        tracing = tracing == null ? TracingMode.PASS_THROUGH : tracing;
    }

    /** A definition with Lambda's defaults: 128 MB, 3 s, no reserved concurrency, runtime java21. */
    public static FunctionDefinition of(String name, String handler, Path code, Map<String, String> environment) {
        return new FunctionDefinition(
                name, null, handler, "java21", code, environment, 128, Duration.ofSeconds(3), null, null);
    }

    public FunctionDefinition withMemoryMb(int newMemoryMb) {
        return new FunctionDefinition(
                name, arn, handler, runtime, code, environment, newMemoryMb, timeout, reservedConcurrency, tracing);
    }

    public FunctionDefinition withTimeout(Duration newTimeout) {
        return new FunctionDefinition(
                name, arn, handler, runtime, code, environment, memoryMb, newTimeout, reservedConcurrency, tracing);
    }

    public FunctionDefinition withReservedConcurrency(Integer newReservedConcurrency) {
        return new FunctionDefinition(
                name, arn, handler, runtime, code, environment, memoryMb, timeout, newReservedConcurrency, tracing);
    }

    public FunctionDefinition withTracing(TracingMode newTracing) {
        return new FunctionDefinition(
                name, arn, handler, runtime, code, environment, memoryMb, timeout, reservedConcurrency, newTracing);
    }

    FunctionDefinition withArn(String newArn) {
        return new FunctionDefinition(
                name, newArn, handler, runtime, code, environment, memoryMb, timeout, reservedConcurrency, tracing);
    }
}
