package dev.asynccommerce.fulfillment.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.asynccommerce.fulfillment.FulfillmentWiring;
import dev.asynccommerce.fulfillment.application.SyncDevice;
import dev.asynccommerce.fulfillment.domain.ConnectionId;
import dev.asynccommerce.platform.http.HttpResponses;
import dev.asynccommerce.platform.http.Problem;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * WebSocket route {@code sync} (route selection {@code $request.body.action}; the device sends
 * {@code {"action":"sync"}}, typically right after connecting): pushes {@code
 * {"type":"PickTasks","storeId","tasks":[{"orderId","lines","createdAt","dueAt","escalated"}]}},
 * the open tasks of the store the connection was opened for, to this connection only. {@code 200}
 * when sent; {@code 404} for a connection that is not recorded (nothing sent).
 *
 * <p>Failure behaviour: a storage or push failure answers 5xx (logged); the device may ask again.
 */
public final class DeviceSyncHandler
        implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private static final Logger LOG = LogManager.getLogger(DeviceSyncHandler.class);

    private final SyncDevice syncDevice;

    public DeviceSyncHandler() {
        this(FulfillmentWiring.fromEnvironment());
    }

    public DeviceSyncHandler(FulfillmentWiring wiring) {
        this.syncDevice = wiring.syncDevice();
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        SocketRequest request = new SocketRequest(event);
        request.putOnLogLines();
        return SocketResponses.respond("SyncDevice", () -> {
            Optional<ConnectionId> connection = request.connectionId();
            if (connection.isEmpty()) {
                return SocketResponses.badRequest("The event carries no connection id.");
            }
            return switch (syncDevice.execute(connection.get())) {
                case SyncDevice.Outcome.Synced s -> {
                    LOG.info("device synced: {} open task(s) of {}", s.openTasks(), s.storeId());
                    yield SocketResponses.ok();
                }
                case SyncDevice.Outcome.NotConnected n -> {
                    LOG.info("sync for an unknown connection");
                    yield HttpResponses.problem(Problem.notFound("The connection is not recorded; connect again."));
                }
            };
        });
    }
}
