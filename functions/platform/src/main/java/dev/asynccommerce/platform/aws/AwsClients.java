package dev.asynccommerce.platform.aws;

import java.time.Duration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the AWS SDK clients the functions use, the same way on AWS and locally.
 *
 * <p>Region, credentials and endpoint come from the SDK's own environment lookup
 * ({@code AWS_REGION}, the default credentials chain, {@code AWS_ENDPOINT_URL[_SERVICE]}), so the
 * local stack points a function at itself through the environment alone and the code never knows.
 * The URL-connection HTTP client keeps cold starts short.
 */
public final class AwsClients {
    private static final SdkHttpClient HTTP = UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(2))
            .socketTimeout(Duration.ofSeconds(5))
            .build();

    private AwsClients() {}

    public static SdkHttpClient httpClient() {
        return HTTP;
    }

    public static ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder()
                .apiCallTimeout(Duration.ofSeconds(8))
                .apiCallAttemptTimeout(Duration.ofSeconds(3))
                .build();
    }

    public static DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder()
                .httpClient(HTTP)
                .overrideConfiguration(overrides())
                .build();
    }
}
