package dev.asynccommerce.localstack.deployer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Creates one resource type for real in the local stack (a table in DynamoDB Local, a queue in
 * ElasticMQ, a function in the in-process Lambda runtime, ...). It gets the resource's properties with
 * every intrinsic resolved and the name AWS would give it, and answers what Ref and Fn::GetAtt
 * return. A property it cannot honour is refused with {@link DeploymentException#at}.
 */
@FunctionalInterface
public interface Provisioner {
    Provisioned create(ResourceDefinition resource, JsonNode properties, Provisioned named);
}
