package dev.asynccommerce.localstack.server.provision;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.localstack.deployer.DeploymentException;
import dev.asynccommerce.localstack.deployer.ResourceDefinition;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Checks a resource's properties against what a provisioner honours. A property outside both sets stops
 * the deployment naming it; properties with no local meaning (encryption at rest, point-in-time
 * recovery, tags) are accepted and returned, so the stack can say once what it did not emulate.
 */
final class Properties {
    private Properties() {}

    static List<String> check(
            ResourceDefinition resource, JsonNode properties, Set<String> honoured, Set<String> noLocalMeaning) {
        List<String> ignored = new ArrayList<>();
        for (Iterator<String> names = properties.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (noLocalMeaning.contains(name)) {
                ignored.add(resource.type() + "." + name);
            } else if (!honoured.contains(name)) {
                throw DeploymentException.at(
                        resource.logicalId(),
                        resource.type() + " property " + name + " is not supported by the local stack");
            }
        }
        return ignored;
    }
}
