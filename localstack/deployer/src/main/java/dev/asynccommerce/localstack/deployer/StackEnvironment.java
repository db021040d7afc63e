package dev.asynccommerce.localstack.deployer;

import java.util.Map;

/**
 * What the pseudo parameters and parameters resolve to locally.
 *
 * @param parameterValues values for the template's Parameters; a parameter without a value takes its
 *     Default, and one without either stops the deployment
 */
public record StackEnvironment(
        String stackName,
        String accountId,
        String region,
        String partition,
        String urlSuffix,
        Map<String, String> parameterValues) {

    public static StackEnvironment local(String stackName) {
        return new StackEnvironment(stackName, "000000000000", "us-east-1", "aws", "amazonaws.com", Map.of());
    }

    public String stackId() {
        return "arn:" + partition + ":cloudformation:" + region + ":" + accountId + ":stack/" + stackName + "/local";
    }

    /** An ARN in this account and region. */
    public String arn(String service, String resource) {
        return "arn:" + partition + ":" + service + ":" + region + ":" + accountId + ":" + resource;
    }
}
