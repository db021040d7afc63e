package dev.asynccommerce.localstack.deployer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Deploys a template: every resource in dependency order, its properties resolved, created by the
 * provisioner the stack registered for its type or, for types with no local meaning, named only.
 *
 * <p>It never skips silently: an unknown type, a type that must be emulated with no provisioner, an
 * intrinsic it cannot resolve or a property a provisioner refuses stops the deployment with the
 * resource's logical id and what is missing.
 */
public final class Deployer {
    private final Map<String, Provisioner> provisioners;

    public Deployer(Map<String, Provisioner> provisioners) {
        this.provisioners = Map.copyOf(provisioners);
    }

    /** The outcome: every resource's physical id and attributes, the resolved outputs, and what was only named. */
    public record DeployedStack(
            String stackName,
            Map<String, Provisioned> resources,
            Map<String, String> outputs,
            List<String> notEmulatedTypes) {}

    /** Checks, before creating anything, that every type is known and every required one can be emulated. */
    public List<String> plan(Template template) {
        List<String> problems = new ArrayList<>();
        for (ResourceDefinition resource : template.resources().values()) {
            var kind = ResourceTypes.of(resource.type());
            if (kind.isEmpty()) {
                problems.add(
                        resource.logicalId() + ": type " + resource.type() + " is not supported by the local stack");
            } else if (kind.get().emulation() == ResourceTypes.Emulation.REQUIRED
                    && !provisioners.containsKey(resource.type())) {
                problems.add(resource.logicalId() + ": type " + resource.type()
                        + " must be emulated, and no provisioner is registered");
            }
        }
        return problems;
    }

    public DeployedStack deploy(Template template, StackEnvironment environment) {
        List<String> problems = plan(template);
        if (!problems.isEmpty()) {
            throw new DeploymentException(String.join("; ", problems));
        }
        Map<String, Provisioned> deployed = new LinkedHashMap<>();
        Intrinsics intrinsics = new Intrinsics(template, environment, deployed::get);
        TreeSet<String> notEmulated = new TreeSet<>();
        for (ResourceDefinition resource : DependencyOrder.of(template)) {
            if (resource.condition() != null
                    && !intrinsics.conditions().holds(resource.condition(), resource.logicalId())) {
                continue;
            }
            JsonNode properties = intrinsics.resolve(resource.properties(), resource.logicalId());
            ResourceTypes.Kind kind = ResourceTypes.of(resource.type()).orElseThrow();
            Provisioned named = kind.namer().name(resource, properties, environment);
            Provisioner provisioner = provisioners.get(resource.type());
            if (provisioner == null) {
                notEmulated.add(resource.type());
                deployed.put(resource.logicalId(), named);
            } else {
                deployed.put(resource.logicalId(), provisioner.create(resource, properties, named));
            }
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        template.outputs().forEach((key, output) -> {
            String where = "Outputs." + key;
            if (output.has("Condition")
                    && !intrinsics.conditions().holds(output.get("Condition").asText(), where)) {
                return;
            }
            outputs.put(key, intrinsics.resolve(output.path("Value"), where).asText());
        });
        return new DeployedStack(
                environment.stackName(),
                Collections.unmodifiableMap(deployed),
                Collections.unmodifiableMap(outputs),
                List.copyOf(notEmulated));
    }
}
