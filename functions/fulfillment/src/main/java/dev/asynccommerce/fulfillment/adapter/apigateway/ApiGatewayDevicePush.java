package dev.asynccommerce.fulfillment.adapter.apigateway;

import dev.asynccommerce.fulfillment.application.DevicePush;
import dev.asynccommerce.fulfillment.application.StoreMessage;
import dev.asynccommerce.fulfillment.domain.ConnectionId;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * Pushes to a store device with the API Gateway Management API's {@code PostToConnection} (SDK v2,
 * unmodified; the client's endpoint is the WebSocket stage's callback URL). {@code 410 Gone} means
 * the device has left: {@link Delivery#GONE}. Every other failure propagates. IAM: {@code
 * execute-api:ManageConnections} on {@code <api>/<stage>/POST/@connections/*}.
 */
public final class ApiGatewayDevicePush implements DevicePush {
    private final ApiGatewayManagementApiClient client;

    public ApiGatewayDevicePush(ApiGatewayManagementApiClient client) {
        this.client = client;
    }

    @Override
    public Delivery push(ConnectionId connection, StoreMessage message) {
        SdkBytes data = SdkBytes.fromUtf8String(StoreMessageJson.write(message));
        try {
            client.postToConnection(b -> b.connectionId(connection.value()).data(data));
            return Delivery.DELIVERED;
        } catch (GoneException e) {
            return Delivery.GONE;
        }
    }
}
