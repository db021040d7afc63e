package dev.asynccommerce.fulfillment;

import dev.asynccommerce.fulfillment.adapter.dynamodb.DynamoDbDeviceConnections;
import dev.asynccommerce.fulfillment.adapter.jwt.CognitoTokenVerifier;
import dev.asynccommerce.fulfillment.application.ConnectDevice;
import dev.asynccommerce.fulfillment.application.DeviceConnections;
import dev.asynccommerce.fulfillment.application.DisconnectDevice;
import dev.asynccommerce.fulfillment.application.StaffTokens;
import dev.asynccommerce.platform.aws.AwsClients;
import dev.asynccommerce.platform.aws.Environment;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The fulfillment context's composition root: reads the environment once ({@code
 * FULFILLMENT_TABLE_NAME}, {@code STAFF_TOKEN_ISSUER}, {@code STAFF_TOKEN_AUDIENCE}), builds the
 * clients and the use cases. Built once per Lambda execution environment (before SnapStart's
 * snapshot), never per request; the staff pool's keys are fetched on first use, not here, so no
 * snapshot holds a connection.
 */
public final class FulfillmentWiring {
    private final ConnectDevice connectDevice;
    private final DisconnectDevice disconnectDevice;

    public FulfillmentWiring(DeviceConnections connections, StaffTokens tokens, Clock clock) {
        this.connectDevice = new ConnectDevice(tokens, connections, clock);
        this.disconnectDevice = new DisconnectDevice(connections);
    }

    public static FulfillmentWiring fromEnvironment() {
        return fromEnvironment(Environment.system(), AwsClients.dynamoDb(), jwksClient(), Clock.systemUTC());
    }

    public static FulfillmentWiring fromEnvironment(
            Environment env, DynamoDbClient dynamoDb, HttpClient http, Clock clock) {
        return new FulfillmentWiring(
                new DynamoDbDeviceConnections(dynamoDb, env.require("FULFILLMENT_TABLE_NAME"), clock),
                new CognitoTokenVerifier(
                        env.require("STAFF_TOKEN_ISSUER"), env.require("STAFF_TOKEN_AUDIENCE"), http, clock),
                clock);
    }

    /** Redirects are not followed: the keys come from the issuer's own address or not at all. */
    private static HttpClient jwksClient() {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public ConnectDevice connectDevice() {
        return connectDevice;
    }

    public DisconnectDevice disconnectDevice() {
        return disconnectDevice;
    }
}
