package dev.asynccommerce.localstack.deployer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.infra.Artifacts;
import dev.asynccommerce.infra.AsyncCommerceStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/**
 * The project's own CDK app, synthesized to a cdk.out as `cdk synth` writes it, deploys through the
 * deployer: every intrinsic resolves, every output comes out, every function's code is a local jar.
 * Provisioners here pass the names through, so this checks the deployer, not the emulators.
 */
class RealTemplateIT {
    @TempDir
    static Path cdkOut;

    private static CloudAssembly assembly;
    private static Deployer.DeployedStack stack;
    private static final Map<String, JsonNode> functionProperties = new HashMap<>();

    @BeforeAll
    static void synthesizeAndDeploy() {
        App app = App.Builder.create().outdir(cdkOut.toString()).build();
        new AsyncCommerceStack(app, "AsyncCommerce", StackProps.builder().build(), Artifacts.locate());
        app.synth();
        assembly = CloudAssembly.read(cdkOut, "AsyncCommerce");
        Map<String, Provisioner> passThrough = new HashMap<>();
        for (String type : ResourceTypes.known()) {
            if (ResourceTypes.of(type).orElseThrow().emulation() == ResourceTypes.Emulation.REQUIRED) {
                passThrough.put(type, (resource, properties, named) -> {
                    if (type.equals("AWS::Lambda::Function")) {
                        functionProperties.put(resource.logicalId(), properties);
                    }
                    return named;
                });
            }
        }
        stack = new Deployer(passThrough).deploy(assembly.template(), StackEnvironment.local("AsyncCommerce"));
    }

    @Test
    void everyResourceOfTheStackDeploys() {
        assertThat(stack.resources()).hasSize(assembly.template().resources().size());
    }

    @Test
    void theOutputsOfTheContractResolve() {
        assertThat(stack.outputs())
                .containsKeys("StorefrontApiUrl", "StoreSocketUrl", "WebUrl", "ConsoleUrl", "AwsEndpoint");
        assertThat(stack.outputs().get("StorefrontApiUrl"))
                .startsWith("https://")
                .contains(".execute-api.us-east-1.");
        assertThat(stack.outputs().get("StoreSocketUrl")).startsWith("wss://").endsWith("/live");
        assertThat(stack.outputs().values()).noneMatch(v -> v.contains("Fn::") || v.contains("\"Ref\""));
    }

    @Test
    void everyFunctionRunsTheJarTheAssemblyHoldsWithItsEnvironmentResolved() {
        assertThat(functionProperties).hasSize(29);
        functionProperties.forEach((id, properties) -> {
            String key = properties.path("Code").path("S3Key").asText();
            assertThat(assembly.assetFile(key))
                    .as(id)
                    .hasValueSatisfying(
                            jar -> assertThat(Files.isRegularFile(jar)).isTrue());
            assertThat(properties.path("Environment").toString()).as(id).doesNotContain("Fn::", "\"Ref\"");
            assertThat(properties.path("Runtime").asText()).isEqualTo("java25");
        });
        JsonNode placeOrder = functionProperties.entrySet().stream()
                .filter(e -> e.getKey().startsWith("StorefrontPlaceOrder"))
                .findFirst()
                .orElseThrow()
                .getValue();
        assertThat(placeOrder
                        .path("Environment")
                        .path("Variables")
                        .path("ORDERS_TABLE_NAME")
                        .asText())
                .isEqualTo(stack.resources()
                        .get(stack.resources().keySet().stream()
                                .filter(k -> k.startsWith("TablesOrders"))
                                .findFirst()
                                .orElseThrow())
                        .physicalId());
    }

    @Test
    void whatHasNoLocalMeaningIsListedOnce() {
        assertThat(stack.notEmulatedTypes())
                .contains(
                        "AWS::IAM::Role", "AWS::Logs::LogGroup", "AWS::CloudWatch::Alarm", "AWS::CloudWatch::Dashboard")
                .doesNotHaveDuplicates()
                .doesNotContain("AWS::DynamoDB::Table", "AWS::Lambda::Function");
    }
}
