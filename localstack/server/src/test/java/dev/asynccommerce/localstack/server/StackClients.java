package dev.asynccommerce.localstack.server;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** Unmodified AWS SDK clients pointed at a running local stack, as a function's would be. */
final class StackClients {
    private StackClients() {}

    static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B of(LocalStack stack, B builder) {
        return at(stack.endpoint(), stack, builder);
    }

    /** Pointed at {@code endpoint}: the stack's, as a deployment's outputs name it. */
    static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B at(
            URI endpoint, LocalStack stack, B builder) {
        return builder.endpointOverride(endpoint)
                .region(stack.region())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create());
    }
}
