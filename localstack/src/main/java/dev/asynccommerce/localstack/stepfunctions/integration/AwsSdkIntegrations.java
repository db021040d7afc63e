package dev.asynccommerce.localstack.stepfunctions.integration;

import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * DynamoDB, SQS and EventBridge integrations over the real AWS SDK v2 clients. On the local stack
 * the endpoint is the stack's own, so a state machine's {@code dynamodb:putItem} lands in the
 * stack's DynamoDB exactly as a Lambda function's would.
 */
public final class AwsSdkIntegrations {
    private AwsSdkIntegrations() {}

    /** The three integrations, each with a client pointed at {@code endpoint}. */
    public static List<ServiceIntegration> at(URI endpoint, Region region) {
        return at(endpoint, region, StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
    }

    public static List<ServiceIntegration> at(URI endpoint, Region region, AwsCredentialsProvider credentials) {
        DynamoDbClient dynamo = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        SqsClient sqs = SqsClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        EventBridgeClient events = EventBridgeClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        return List.of(new DynamoDbIntegration(dynamo), new SqsIntegration(sqs), new EventBridgeIntegration(events));
    }
}
