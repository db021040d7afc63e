package dev.asynccommerce.ordering.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.asynccommerce.ordering.OrderingWiring;
import dev.asynccommerce.ordering.application.ReplacePaymentMethods;
import dev.asynccommerce.ordering.domain.PaymentMethod;
import dev.asynccommerce.platform.http.ApiRequest;
import dev.asynccommerce.platform.http.Guard;
import dev.asynccommerce.platform.http.HttpResponses;
import dev.asynccommerce.platform.http.JsonBody;
import dev.asynccommerce.platform.http.RequestContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /orders/{orderId}/payment-methods} with {@code {"methods":[{"type","token"}]}}: after
 * {@code PAYMENT_FAILED}, the same order goes back to {@code PENDING_PAYMENT} with the new methods
 * ({@code 202}); in any other status {@code 409}. Token rules as for reading the order.
 */
public final class ReplacePaymentMethodsHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final int MAX_BODY_BYTES = 4 * 1024;

    private final ReplacePaymentMethods replacePaymentMethods;

    public ReplacePaymentMethodsHandler() {
        this(OrderingWiring.fromEnvironment());
    }

    public ReplacePaymentMethodsHandler(OrderingWiring wiring) {
        this.replacePaymentMethods = wiring.replacePaymentMethods();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        ApiRequest request = new ApiRequest(event);
        String orderId = request.pathParameter("orderId").orElse("");
        RequestContext.log(RequestContext.correlationId(request), orderId);
        return Guard.respond("ReplacePaymentMethods", () -> {
            Optional<String> token = request.bearerToken();
            if (token.isEmpty()) {
                return OrderResponses.missingToken();
            }
            return switch (JsonBody.read(request, MAX_BODY_BYTES)) {
                case JsonBody.Parsed.Refused refused -> HttpResponses.problem(refused.problem());
                case JsonBody.Parsed.Ok ok -> {
                    RequestFields fields = new RequestFields();
                    fields.refuseUnknown(ok.json(), "", Set.of("methods"));
                    List<PaymentMethod> methods = fields.paymentMethods(ok.json(), "methods", "methods");
                    if (!fields.valid()) {
                        yield OrderResponses.invalid(fields.invalidFields());
                    }
                    yield OrderResponses.changed(replacePaymentMethods.execute(
                            orderId, token.get(), methods, OrderResponses.context(request)));
                }
            };
        });
    }
}
