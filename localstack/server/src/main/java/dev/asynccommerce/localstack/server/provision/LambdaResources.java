package dev.asynccommerce.localstack.server.provision;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.localstack.deployer.CloudAssembly;
import dev.asynccommerce.localstack.deployer.DeploymentException;
import dev.asynccommerce.localstack.deployer.Provisioned;
import dev.asynccommerce.localstack.deployer.Provisioner;
import dev.asynccommerce.localstack.lambda.AsyncInvokeConfig;
import dev.asynccommerce.localstack.lambda.FunctionDefinition;
import dev.asynccommerce.localstack.lambda.LambdaException;
import dev.asynccommerce.localstack.lambda.LambdaService;
import dev.asynccommerce.localstack.lambda.TracingMode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * AWS::Lambda::Function, Version and Alias in the stack's Lambda service. A function runs the very jar
 * the cloud assembly holds for its Code.S3Key, with the template's environment plus
 * {@code AWS_ENDPOINT_URL} = the stack, so its SDK calls reach the stack without the code knowing.
 */
public final class LambdaResources {
    private static final Set<String> HONOURED = Set.of(
            "Code",
            "Handler",
            "Runtime",
            "MemorySize",
            "Timeout",
            "Environment",
            "FunctionName",
            "ReservedConcurrentExecutions",
            "TracingConfig");
    private static final Set<String> NO_LOCAL_MEANING = Set.of(
            "Role",
            "LoggingConfig",
            "Architectures",
            "SnapStart",
            "Description",
            "Tags",
            "EphemeralStorage",
            "RuntimeManagementConfig");

    private final LambdaService lambda;
    private final CloudAssembly assembly;
    private final URI endpoint;
    private final Consumer<String> notEmulated;
    private final UnaryOperator<String> localize;

    /**
     * @param localize maps AWS public endpoints in environment values (a Cognito issuer) to the stack's
     *     own, as AWS_ENDPOINT_URL does for the SDK
     */
    public LambdaResources(
            LambdaService lambda,
            CloudAssembly assembly,
            URI endpoint,
            Consumer<String> notEmulated,
            UnaryOperator<String> localize) {
        this.lambda = lambda;
        this.assembly = assembly;
        this.endpoint = endpoint;
        this.notEmulated = notEmulated;
        this.localize = localize;
    }

    public Provisioner functions() {
        return (resource, p, named) -> {
            Properties.check(resource, p, HONOURED, NO_LOCAL_MEANING).forEach(notEmulated);
            String runtime = p.path("Runtime").asText();
            if (!runtime.startsWith("java")) {
                throw DeploymentException.at(
                        resource.logicalId(),
                        "runtime " + runtime + " is not supported by the local stack (Java only)");
            }
            String key = p.path("Code").path("S3Key").asText(null);
            if (key == null) {
                throw DeploymentException.at(
                        resource.logicalId(), "only Code.S3Key assets from the cloud assembly are supported locally");
            }
            Path jar = assembly.assetFile(key)
                    .orElseThrow(() -> DeploymentException.at(
                            resource.logicalId(), "the cloud assembly has no asset for Code.S3Key " + key));
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("AWS_ENDPOINT_URL", endpoint.toString());
            p.path("Environment")
                    .path("Variables")
                    .fields()
                    .forEachRemaining(e -> environment.put(
                            e.getKey(), localize.apply(e.getValue().asText())));
            String name = named.physicalId();
            FunctionDefinition definition = new FunctionDefinition(
                    name,
                    lambda.functionArn(name),
                    p.path("Handler").asText(),
                    runtime,
                    jar,
                    environment,
                    p.path("MemorySize").asInt(128),
                    Duration.ofSeconds(p.path("Timeout").asInt(3)),
                    p.has("ReservedConcurrentExecutions")
                            ? p.get("ReservedConcurrentExecutions").asInt()
                            : null,
                    // Active: sampled invocations record their segments in the stack's X-Ray.
                    TracingMode.of(p.path("TracingConfig").path("Mode").asText(null)));
            String arn = lambda.createFunction(definition);
            return new Provisioned(name, Map.of("Arn", arn));
        };
    }

    public Provisioner versions() {
        return (resource, p, named) -> {
            Properties.check(
                            resource,
                            p,
                            Set.of("FunctionName"),
                            Set.of("Description", "CodeSha256", "ProvisionedConcurrencyConfig", "RuntimePolicy"))
                    .forEach(notEmulated);
            String function = functionName(p.path("FunctionName").asText());
            String version = lambda.publishVersion(function);
            String arn = lambda.functionArn(function) + ":" + version;
            return new Provisioned(arn, Map.of("Version", version, "FunctionArn", arn));
        };
    }

    public Provisioner aliases() {
        return (resource, p, named) -> {
            Properties.check(
                            resource,
                            p,
                            Set.of("FunctionName", "FunctionVersion", "Name"),
                            Set.of("Description", "ProvisionedConcurrencyConfig", "RoutingConfig"))
                    .forEach(notEmulated);
            String arn = lambda.createAlias(
                    functionName(p.path("FunctionName").asText()),
                    p.path("Name").asText(),
                    p.path("FunctionVersion").asText());
            return new Provisioned(arn, Map.of("AliasArn", arn));
        };
    }

    /**
     * AWS::Lambda::EventInvokeConfig: retries, maximum event age and the on-failure SQS queue of one
     * qualifier's asynchronous invocations. Other destinations (SNS, functions, buses, on success) stop
     * the deployment naming the resource, rather than silently dropping failures.
     */
    public Provisioner eventInvokeConfigs() {
        return (resource, p, named) -> {
            Properties.check(
                            resource,
                            p,
                            Set.of(
                                    "FunctionName",
                                    "Qualifier",
                                    "MaximumRetryAttempts",
                                    "MaximumEventAgeInSeconds",
                                    "DestinationConfig"),
                            Set.of())
                    .forEach(notEmulated);
            JsonNode destinations = p.path("DestinationConfig");
            if (destinations.has("OnSuccess")) {
                throw DeploymentException.at(
                        resource.logicalId(), "an OnSuccess destination is not supported by the local stack");
            }
            String onFailure =
                    destinations.path("OnFailure").path("Destination").asText(null);
            AsyncInvokeConfig config;
            try {
                config = new AsyncInvokeConfig(
                        p.path("MaximumRetryAttempts").asInt(AsyncInvokeConfig.DEFAULT.maximumRetryAttempts()),
                        p.has("MaximumEventAgeInSeconds")
                                ? Duration.ofSeconds(
                                        p.get("MaximumEventAgeInSeconds").asLong())
                                : AsyncInvokeConfig.DEFAULT.maximumEventAge(),
                        onFailure);
                String qualifier = p.path("Qualifier").asText(null);
                lambda.putEventInvokeConfig(
                        functionName(p.path("FunctionName").asText()),
                        "$LATEST".equals(qualifier) ? null : qualifier,
                        config);
            } catch (LambdaException e) {
                throw DeploymentException.at(resource.logicalId(), e.getMessage());
            }
            return new Provisioned(named.physicalId(), Map.of());
        };
    }

    /** A function named by name or by ARN (with or without a qualifier). */
    static String functionName(String nameOrArn) {
        if (!nameOrArn.startsWith("arn:")) {
            return nameOrArn;
        }
        String[] parts = nameOrArn.split(":");
        return parts[6];
    }
}
