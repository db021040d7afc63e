package dev.asynccommerce.fulfillment.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.asynccommerce.fulfillment.FulfillmentWiring;
import dev.asynccommerce.fulfillment.application.ConnectDevice;
import dev.asynccommerce.fulfillment.domain.ConnectionId;
import dev.asynccommerce.kernel.StoreId;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * WebSocket {@code $connect}, {@code ?storeId=<storeId>&token=<staff ID token>}: a store device
 * opens its push channel. {@code 200} records the connection for the store's pushes; {@code 400}
 * without a well-formed {@code storeId}; {@code 401} without a token, or with one that does not
 * verify; {@code 403} with a good token of another store's staff. API Gateway refuses the
 * connection on any answer but 2xx, and nothing is recorded then.
 *
 * <p>Failure behaviour: when the staff pool's keys or the table cannot be reached the answer is 5xx
 * (the connection is refused; the device retries), never 401. The token and the subject it names
 * are never logged; a refusal is logged with its reason.
 */
public final class DeviceConnectHandler
        implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private static final Logger LOG = LogManager.getLogger(DeviceConnectHandler.class);

    private final ConnectDevice connectDevice;

    public DeviceConnectHandler() {
        this(FulfillmentWiring.fromEnvironment());
    }

    public DeviceConnectHandler(FulfillmentWiring wiring) {
        this.connectDevice = wiring.connectDevice();
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        SocketRequest request = new SocketRequest(event);
        request.putOnLogLines();
        return SocketResponses.respond("ConnectDevice", () -> {
            Optional<ConnectionId> connection = request.connectionId();
            if (connection.isEmpty()) {
                return SocketResponses.badRequest("The event carries no connection id.");
            }
            Optional<StoreId> store = request.storeId();
            if (store.isEmpty()) {
                return SocketResponses.badRequest("Query parameter storeId must be one store id, e.g. store-001.");
            }
            Optional<String> token = request.queryParameter("token");
            if (token.isEmpty()) {
                LOG.info("device refused: no token");
                return SocketResponses.unauthorized();
            }
            return switch (connectDevice.execute(store.get(), connection.get(), token.get())) {
                case ConnectDevice.Outcome.Connected c -> {
                    LOG.info("device connected");
                    yield SocketResponses.ok();
                }
                case ConnectDevice.Outcome.Unauthenticated u -> {
                    LOG.info("device refused: token {}", u.reason());
                    yield SocketResponses.unauthorized();
                }
                case ConnectDevice.Outcome.OtherStore o -> {
                    LOG.info("device refused: token of another store");
                    yield SocketResponses.forbidden();
                }
            };
        });
    }
}
