package dev.asynccommerce.localstack.server.provision;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.localstack.deployer.DeploymentException;
import dev.asynccommerce.localstack.deployer.Provisioned;
import dev.asynccommerce.localstack.deployer.Provisioner;
import dev.asynccommerce.localstack.deployer.ResourceDefinition;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;

/**
 * AWS::StepFunctions::StateMachine in the stack's engine, with DefinitionSubstitutions applied to the
 * definition as CloudFormation applies them ({@code ${Key}} replaced by the resolved value).
 */
public final class StateMachines implements Provisioner {
    private static final Set<String> HONOURED = Set.of(
            "StateMachineName",
            "StateMachineType",
            "DefinitionString",
            "DefinitionSubstitutions",
            "RoleArn",
            "TracingConfiguration");
    private static final Set<String> NO_LOCAL_MEANING =
            Set.of("LoggingConfiguration", "Tags", "EncryptionConfiguration");

    private final SfnClient sfn;
    private final Consumer<String> notEmulated;

    public StateMachines(SfnClient sfn, Consumer<String> notEmulated) {
        this.sfn = sfn;
        this.notEmulated = notEmulated;
    }

    @Override
    public Provisioned create(ResourceDefinition resource, JsonNode p, Provisioned named) {
        if (p.has("DefinitionS3Location") || p.has("Definition")) {
            throw DeploymentException.at(
                    resource.logicalId(), "only an inline DefinitionString is supported by the local stack");
        }
        Properties.check(resource, p, HONOURED, NO_LOCAL_MEANING).forEach(notEmulated);
        String definition = substitute(p.path("DefinitionString").asText(), p.path("DefinitionSubstitutions"));
        String name = named.attributes().get("Name");
        // Enabled: sampled executions record their segments in the stack's X-Ray.
        boolean tracing = p.path("TracingConfiguration").path("Enabled").asBoolean(false);
        String arn;
        try {
            arn = sfn.createStateMachine(b -> b.name(name)
                            .definition(definition)
                            .roleArn(p.path("RoleArn").asText("arn:aws:iam::000000000000:role/local"))
                            .type(p.path("StateMachineType").asText("STANDARD"))
                            .tracingConfiguration(t -> t.enabled(tracing)))
                    .stateMachineArn();
        } catch (StateMachineAlreadyExistsException exists) {
            arn = named.physicalId();
            String existing = arn;
            sfn.updateStateMachine(b ->
                    b.stateMachineArn(existing).definition(definition).tracingConfiguration(t -> t.enabled(tracing)));
        }
        return new Provisioned(arn, Map.of("Arn", arn, "Name", name, "StateMachineRevisionId", "1"));
    }

    static String substitute(String definition, JsonNode substitutions) {
        String out = definition;
        for (Iterator<Map.Entry<String, JsonNode>> it = substitutions.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out = out.replace("${" + e.getKey() + "}", e.getValue().asText());
        }
        return out;
    }
}
