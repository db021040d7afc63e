package dev.asynccommerce.localstack.lambda;

import java.time.Duration;
import java.util.Objects;

/**
 * How Lambda treats asynchronous invocations of one function, version or alias
 * ({@code AWS::Lambda::EventInvokeConfig}, PutFunctionEventInvokeConfig): how many times a function
 * error is retried, how long an event may wait, and where the record of an event that fails all of
 * that goes.
 *
 * @param maximumRetryAttempts retries after a function error, 0 to 2
 * @param maximumEventAge how long an event may stay queued (retries and throttles included), 60 s to 6 h
 * @param onFailureDestination the ARN of an SQS queue for the invocation record, or null to discard
 */
public record AsyncInvokeConfig(int maximumRetryAttempts, Duration maximumEventAge, String onFailureDestination) {
    /** Lambda's defaults: two retries, six hours, no destination. */
    public static final AsyncInvokeConfig DEFAULT = new AsyncInvokeConfig(2, Duration.ofHours(6), null);

    public AsyncInvokeConfig {
        Objects.requireNonNull(maximumEventAge, "maximumEventAge");
        if (maximumRetryAttempts < 0 || maximumRetryAttempts > 2) {
            throw LambdaException.invalidParameter("MaximumRetryAttempts must be between 0 and 2.");
        }
        if (maximumEventAge.compareTo(Duration.ofSeconds(60)) < 0
                || maximumEventAge.compareTo(Duration.ofHours(6)) > 0) {
            throw LambdaException.invalidParameter("MaximumEventAgeInSeconds must be between 60 and 21600.");
        }
        if (onFailureDestination != null && !onFailureDestination.startsWith("arn:aws:sqs:")) {
            // SNS topics, functions, buses and buckets are destinations on AWS, not in this stack yet.
            throw LambdaException.invalidParameter(
                    "The local stack sends invocation records to SQS queues only, not to " + onFailureDestination);
        }
    }
}
