package dev.asynccommerce.localstack.deployer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A CloudFormation template in JSON, the form {@code cdk synth} writes. */
public record Template(
        Map<String, JsonNode> parameters,
        Map<String, JsonNode> conditions,
        Map<String, JsonNode> mappings,
        Map<String, ResourceDefinition> resources,
        Map<String, JsonNode> outputs) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static Template read(Path file) {
        try {
            return parse(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + file, e);
        }
    }

    public static Template parse(String json) {
        try {
            return parse(JSON.readTree(json));
        } catch (IOException e) {
            throw new DeploymentException("the template is not JSON: " + e.getMessage());
        }
    }

    public static Template parse(JsonNode root) {
        Map<String, ResourceDefinition> resources = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : fields(root.path("Resources")).entrySet()) {
            JsonNode resource = entry.getValue();
            if (!resource.path("Type").isTextual()) {
                throw DeploymentException.at(entry.getKey(), "has no Type");
            }
            List<String> dependsOn = new ArrayList<>();
            JsonNode declared = resource.path("DependsOn");
            if (declared.isTextual()) {
                dependsOn.add(declared.asText());
            } else {
                declared.forEach(d -> dependsOn.add(d.asText()));
            }
            JsonNode properties = resource.has("Properties") ? resource.get("Properties") : JSON.createObjectNode();
            String condition = resource.path("Condition").isTextual()
                    ? resource.get("Condition").asText()
                    : null;
            resources.put(
                    entry.getKey(),
                    new ResourceDefinition(
                            entry.getKey(),
                            resource.get("Type").asText(),
                            properties,
                            List.copyOf(dependsOn),
                            condition));
        }
        return new Template(
                fields(root.path("Parameters")),
                fields(root.path("Conditions")),
                fields(root.path("Mappings")),
                Collections.unmodifiableMap(resources),
                fields(root.path("Outputs")));
    }

    private static Map<String, JsonNode> fields(JsonNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (node == null || node instanceof MissingNode) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(out);
    }
}
