package dev.asynccommerce.fulfillment.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.asynccommerce.fulfillment.FulfillmentWiring;
import dev.asynccommerce.fulfillment.application.DisconnectDevice;
import dev.asynccommerce.fulfillment.domain.ConnectionId;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * WebSocket {@code $disconnect}: a store device's connection closed (the device, the network, or
 * API Gateway's two-hour limit), so it is forgotten and gets no more pushes. Idempotent: {@code 200}
 * whether or not the connection was recorded.
 *
 * <p>API Gateway delivers {@code $disconnect} on a best-effort basis; connections it misses expire
 * on their own (see {@code DeviceConnections}). Failure behaviour: a storage failure answers 5xx
 * and is logged; API Gateway does not retry it, and the connection then expires in the same way.
 */
public final class DeviceDisconnectHandler
        implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private static final Logger LOG = LogManager.getLogger(DeviceDisconnectHandler.class);

    private final DisconnectDevice disconnectDevice;

    public DeviceDisconnectHandler() {
        this(FulfillmentWiring.fromEnvironment());
    }

    public DeviceDisconnectHandler(FulfillmentWiring wiring) {
        this.disconnectDevice = wiring.disconnectDevice();
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        SocketRequest request = new SocketRequest(event);
        request.putOnLogLines();
        return SocketResponses.respond("DisconnectDevice", () -> {
            Optional<ConnectionId> connection = request.connectionId();
            if (connection.isEmpty()) {
                return SocketResponses.badRequest("The event carries no connection id.");
            }
            switch (disconnectDevice.execute(connection.get())) {
                case DisconnectDevice.Outcome.Disconnected d -> LOG.info("device disconnected from {}", d.storeId());
                case DisconnectDevice.Outcome.NotConnected n -> LOG.info("unknown connection closed");
            }
            return SocketResponses.ok();
        });
    }
}
