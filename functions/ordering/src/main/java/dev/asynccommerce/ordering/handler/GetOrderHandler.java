package dev.asynccommerce.ordering.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.asynccommerce.ordering.OrderingWiring;
import dev.asynccommerce.ordering.application.GetOrder;
import dev.asynccommerce.platform.http.ApiRequest;
import dev.asynccommerce.platform.http.Guard;
import dev.asynccommerce.platform.http.HttpResponses;
import dev.asynccommerce.platform.http.RequestContext;
import java.util.Optional;

/**
 * {@code GET /orders/{orderId}}: the order, its lines, total, status timeline and (once ready) the
 * pickup code, for the holder of the order's token. Without a token {@code 401}; with a wrong token,
 * or for an order that does not exist, the same {@code 404}.
 */
public final class GetOrderHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final GetOrder getOrder;

    public GetOrderHandler() {
        this(OrderingWiring.fromEnvironment());
    }

    public GetOrderHandler(OrderingWiring wiring) {
        this.getOrder = wiring.getOrder();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        ApiRequest request = new ApiRequest(event);
        String orderId = request.pathParameter("orderId").orElse("");
        RequestContext.log(RequestContext.correlationId(request), orderId);
        return Guard.respond("GetOrder", () -> {
            Optional<String> token = request.bearerToken();
            if (token.isEmpty()) {
                return OrderResponses.missingToken();
            }
            return getOrder.execute(orderId, token.get())
                    .map(order -> HttpResponses.json(200, OrderResponses.view(order)))
                    .orElseGet(OrderResponses::notFound);
        });
    }
}
