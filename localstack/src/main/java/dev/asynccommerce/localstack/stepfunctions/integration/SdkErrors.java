package dev.asynccommerce.localstack.stepfunctions.integration;

import dev.asynccommerce.localstack.stepfunctions.StatesError;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Maps SDK exceptions to Step Functions error names: {@code <Service>.<ErrorCode>}. */
final class SdkErrors {
    private SdkErrors() {}

    /**
     * AWS names a service error after the Java SDK exception Step Functions caught: a modeled
     * exception under its own class name ({@code DynamoDB.ResourceNotFoundException}), anything else
     * under the service's base exception ({@code SQS.AmazonSQSException} for MissingParameter,
     * {@code DynamoDB.AmazonDynamoDBException} for ValidationException). The cause is the SDK v1
     * message format. Both recorded on AWS: "The request must contain the parameter MessageBody.
     * (Service: AmazonSQS; Status Code: 400; Error Code: MissingParameter; Request ID: ...; Proxy:
     * null)". The EventBridge base name follows the same pattern but was not seen recorded.
     */
    static StatesError map(String prefix, String serviceName, SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails().errorMessage();
            boolean modeled = service.getClass().getSuperclass() != AwsServiceException.class;
            String base = "Amazon" + serviceName.replaceAll("^Amazon|v2$", "") + "Exception";
            return new StatesError(
                    prefix + "." + (modeled ? service.getClass().getSimpleName() : base),
                    message + " (Service: " + serviceName + "; Status Code: " + service.statusCode() + "; Error Code: "
                            + code + "; Request ID: " + service.requestId() + "; Proxy: null)");
        }
        return new StatesError(prefix + ".SdkClientException", String.valueOf(e.getMessage()));
    }
}
