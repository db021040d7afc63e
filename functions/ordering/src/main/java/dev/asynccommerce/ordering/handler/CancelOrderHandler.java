package dev.asynccommerce.ordering.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.asynccommerce.ordering.OrderingWiring;
import dev.asynccommerce.ordering.application.CancelOrder;
import dev.asynccommerce.platform.http.ApiRequest;
import dev.asynccommerce.platform.http.Guard;
import dev.asynccommerce.platform.http.RequestContext;
import java.util.Optional;

/**
 * {@code POST /orders/{orderId}/cancel}: {@code 202} while the order has not ended (it is then
 * {@code CANCELLED}; stock release and payment void or refund follow from {@code OrderCancelled});
 * {@code 409} once collected, expired or already cancelled. Token rules as for reading the order.
 */
public final class CancelOrderHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final CancelOrder cancelOrder;

    public CancelOrderHandler() {
        this(OrderingWiring.fromEnvironment());
    }

    public CancelOrderHandler(OrderingWiring wiring) {
        this.cancelOrder = wiring.cancelOrder();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        ApiRequest request = new ApiRequest(event);
        String orderId = request.pathParameter("orderId").orElse("");
        RequestContext.log(RequestContext.correlationId(request), orderId);
        return Guard.respond("CancelOrder", () -> {
            Optional<String> token = request.bearerToken();
            if (token.isEmpty()) {
                return OrderResponses.missingToken();
            }
            return OrderResponses.changed(cancelOrder.execute(orderId, token.get(), OrderResponses.context(request)));
        });
    }
}
