package dev.asynccommerce.ordering.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.asynccommerce.ordering.OrderingWiring;
import dev.asynccommerce.ordering.application.CheckoutForm;
import dev.asynccommerce.ordering.application.PlaceOrder;
import dev.asynccommerce.platform.http.ApiRequest;
import dev.asynccommerce.platform.http.FieldError;
import dev.asynccommerce.platform.http.Fingerprint;
import dev.asynccommerce.platform.http.Guard;
import dev.asynccommerce.platform.http.HttpResponses;
import dev.asynccommerce.platform.http.JsonBody;
import dev.asynccommerce.platform.http.Problem;
import dev.asynccommerce.platform.http.RequestContext;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code POST /orders}: checkout. Answers {@code 202} with the order id, {@code PENDING_PAYMENT} and
 * the order's token at once; payment and stock follow asynchronously from {@code OrderPlaced}.
 *
 * <p>Requires an {@code Idempotency-Key} header: a retry with the same key and body gets the first
 * answer, the same key with another body {@code 422}. Bad input gets {@code 400} naming every bad
 * field (oversize {@code 413}, non-JSON {@code 415}) and writes nothing.
 */
public final class PlaceOrderHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{8,255}");

    private final PlaceOrder placeOrder;

    public PlaceOrderHandler() {
        this(OrderingWiring.fromEnvironment());
    }

    public PlaceOrderHandler(OrderingWiring wiring) {
        this.placeOrder = wiring.placeOrder();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        ApiRequest request = new ApiRequest(event);
        RequestContext.log(RequestContext.correlationId(request), null);
        return Guard.respond("PlaceOrder", () -> place(request));
    }

    private APIGatewayV2HTTPResponse place(ApiRequest request) {
        Optional<String> key = request.header("Idempotency-Key");
        if (key.isEmpty() || !IDEMPOTENCY_KEY.matcher(key.get()).matches()) {
            return HttpResponses.problem(Problem.validation(List.of(new FieldError(
                    "Idempotency-Key",
                    key.isEmpty()
                            ? "header is required: a unique value per checkout, reused on retries"
                            : "must be 8-255 visible ASCII characters"))));
        }
        return switch (JsonBody.read(request, MAX_BODY_BYTES)) {
            case JsonBody.Parsed.Refused refused -> HttpResponses.problem(refused.problem());
            case JsonBody.Parsed.Ok ok -> {
                CheckoutForm form = CheckoutJson.read(ok.json());
                yield answer(placeOrder.execute(
                        form, key.get(), Fingerprint.of(ok.json()), OrderResponses.context(request)));
            }
        };
    }

    private static APIGatewayV2HTTPResponse answer(PlaceOrder.Outcome outcome) {
        return switch (outcome) {
            case PlaceOrder.Outcome.Accepted a -> {
                RequestContext.logOrderId(a.orderId().value());
                yield HttpResponses.json(
                        202,
                        new Accepted(a.orderId().value(), a.status().name(), a.orderToken()),
                        OrderResponses.location(a.orderId().value()));
            }
            case PlaceOrder.Outcome.Invalid i -> OrderResponses.invalid(i.errors());
            case PlaceOrder.Outcome.KeyReused k ->
                HttpResponses.problem(Problem.of(
                        422,
                        "idempotency-key-reused",
                        "Idempotency-Key already used",
                        "This Idempotency-Key was used for a different request; use a new key for a new checkout."));
        };
    }

    record Accepted(String orderId, String status, String orderToken) {}
}
