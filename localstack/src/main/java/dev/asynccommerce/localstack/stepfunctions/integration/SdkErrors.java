package dev.asynccommerce.localstack.stepfunctions.integration;

import dev.asynccommerce.localstack.stepfunctions.StatesError;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Maps SDK exceptions to Step Functions error names: {@code <Service>.<ErrorCode>}. */
final class SdkErrors {
    private SdkErrors() {}

    static StatesError map(String prefix, String serviceName, SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails().errorMessage();
            return new StatesError(
                    prefix + "." + code,
                    message + " (Service: " + serviceName + ", Status Code: " + service.statusCode() + ", Request ID: "
                            + service.requestId() + ")");
        }
        return new StatesError(prefix + ".SdkClientException", String.valueOf(e.getMessage()));
    }
}
