package dev.asynccommerce.localstack.deployer;

import java.util.Map;

/**
 * What a deployed resource answers to {@code Ref} (its physical id) and {@code Fn::GetAtt} (its
 * attributes).
 */
public record Provisioned(String physicalId, Map<String, String> attributes) {
    public Provisioned {
        attributes = Map.copyOf(attributes);
    }
}
