package dev.asynccommerce.localstack.deployer;

/**
 * The template cannot be deployed locally as written. The message names the resource's logical id
 * and what is missing: a deployment never skips what it cannot honour.
 */
public final class DeploymentException extends RuntimeException {
    public DeploymentException(String message) {
        super(message);
    }

    public static DeploymentException at(String logicalId, String problem) {
        return new DeploymentException(logicalId + ": " + problem);
    }
}
