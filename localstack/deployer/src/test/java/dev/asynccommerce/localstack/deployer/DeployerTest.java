package dev.asynccommerce.localstack.deployer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resources are created in dependency order by their provisioners; nothing is silently skipped. */
class DeployerTest {
    private static final StackEnvironment ENV = StackEnvironment.local("Shop");

    /** Template order is the reverse of dependency order, so only a real sort gets it right. */
    private static final Template TEMPLATE = Template.parse("""
            {"Conditions": {"Never": {"Fn::Equals": ["a", "b"]}},
             "Resources": {
               "Mapping": {"Type": "AWS::Lambda::EventSourceMapping",
                           "Properties": {"FunctionName": {"Ref": "Fn"}, "EventSourceArn": {"Fn::GetAtt": ["Queue", "Arn"]}}},
               "Fn": {"Type": "AWS::Lambda::Function", "DependsOn": "Role",
                      "Properties": {"Role": {"Fn::GetAtt": ["Role", "Arn"]}, "Environment": {"Variables": {"QUEUE": {"Ref": "Queue"}}}}},
               "Role": {"Type": "AWS::IAM::Role"},
               "Queue": {"Type": "AWS::SQS::Queue", "Properties": {"FifoQueue": true}},
               "Skipped": {"Type": "AWS::SQS::Queue", "Condition": "Never"}},
             "Outputs": {"QueueUrl": {"Value": {"Ref": "Queue"}},
                         "Hidden": {"Condition": "Never", "Value": "x"}}}
            """);

    private final List<String> created = new ArrayList<>();
    private final Map<String, JsonNode> propertiesSeen = new HashMap<>();

    private Provisioner recording() {
        return (resource, properties, named) -> {
            created.add(resource.logicalId());
            propertiesSeen.put(resource.logicalId(), properties);
            return named;
        };
    }

    private Deployer deployer() {
        return new Deployer(Map.of(
                "AWS::SQS::Queue", recording(),
                "AWS::Lambda::Function", recording(),
                "AWS::Lambda::EventSourceMapping", recording()));
    }

    @Test
    void createsInDependencyOrderWithResolvedPropertiesAndSkipsWhatAConditionExcludes() {
        Deployer.DeployedStack stack = deployer().deploy(TEMPLATE, ENV);

        assertThat(created).containsExactly("Queue", "Fn", "Mapping");
        assertThat(stack.resources())
                .containsKeys("Role", "Queue", "Fn", "Mapping")
                .doesNotContainKey("Skipped");
        assertThat(propertiesSeen
                        .get("Fn")
                        .path("Environment")
                        .path("Variables")
                        .path("QUEUE")
                        .asText())
                .isEqualTo(stack.resources().get("Queue").physicalId())
                .endsWith(".fifo");
        assertThat(propertiesSeen.get("Fn").path("Role").asText())
                .startsWith("arn:aws:iam::000000000000:role/Shop-Role-");
        assertThat(stack.notEmulatedTypes()).containsExactly("AWS::IAM::Role");
        assertThat(stack.outputs()).containsOnlyKeys("QueueUrl");
    }

    @Test
    void namesAreStableAcrossDeploymentsSoARestartFindsItsResources() {
        assertThat(deployer().deploy(TEMPLATE, ENV).resources().get("Queue"))
                .isEqualTo(deployer().deploy(TEMPLATE, ENV).resources().get("Queue"));
    }

    @Test
    void anUnknownTypeAndAnUnprovisionedRequiredTypeStopTheDeploymentBeforeAnythingIsCreated() {
        Template template = Template.parse("""
                {"Resources": {"Topic": {"Type": "AWS::Kinesis::Stream"}, "Queue": {"Type": "AWS::SQS::Queue"},
                               "Table": {"Type": "AWS::DynamoDB::Table"}}}
                """);

        assertThatThrownBy(() -> deployer().deploy(template, ENV))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("Topic: type AWS::Kinesis::Stream is not supported by the local stack")
                .hasMessageContaining(
                        "Table: type AWS::DynamoDB::Table must be emulated, and no provisioner is registered");
        assertThat(created).isEmpty();
    }

    @Test
    void aPropertyAProvisionerRefusesStopsTheDeploymentNamingTheResource() {
        Deployer refusing = new Deployer(Map.of("AWS::SQS::Queue", (r, p, named) -> {
            throw DeploymentException.at(r.logicalId(), "KmsMasterKeyId is not supported locally");
        }));
        Template template = Template.parse("{\"Resources\": {\"Queue\": {\"Type\": \"AWS::SQS::Queue\"}}}");

        assertThatThrownBy(() -> refusing.deploy(template, ENV))
                .hasMessage("Queue: KmsMasterKeyId is not supported locally");
    }

    @Test
    void aDependencyCycleIsNamed() {
        Template template = Template.parse("""
                {"Resources": {"A": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": {"Ref": "B"}}},
                               "B": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": {"Fn::Sub": "${A}"}}}}}
                """);

        assertThatThrownBy(() -> DependencyOrder.of(template))
                .hasMessageContaining("dependency cycle")
                .hasMessageContaining("A");
    }

    @Test
    void outputsAreWrittenInTheCdkDeployOutputsFileFormat(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("target/stack-outputs.json");

        StackOutputs.write(file, "Shop", Map.of("StorefrontApiUrl", "http://127.0.0.1:4566/"));

        JsonNode written = new ObjectMapper().readTree(Files.readString(file));
        assertThat(written.path("Shop").path("StorefrontApiUrl").asText()).isEqualTo("http://127.0.0.1:4566/");
        assertThat(written.size()).isEqualTo(1);
    }
}
