package dev.asynccommerce.localstack.deployer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One entry of a template's {@code Resources}, as written (intrinsics unresolved). */
public record ResourceDefinition(
        String logicalId, String type, JsonNode properties, List<String> dependsOn, String condition) {}
