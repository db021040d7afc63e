package dev.asynccommerce.ordering.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.asynccommerce.ordering.application.CommandContext;
import dev.asynccommerce.ordering.application.InvalidField;
import dev.asynccommerce.ordering.application.OrderChanges;
import dev.asynccommerce.ordering.domain.Order;
import dev.asynccommerce.ordering.domain.OrderLine;
import dev.asynccommerce.ordering.domain.Refusal;
import dev.asynccommerce.platform.http.ApiRequest;
import dev.asynccommerce.platform.http.FieldError;
import dev.asynccommerce.platform.http.HttpResponses;
import dev.asynccommerce.platform.http.Problem;
import dev.asynccommerce.platform.http.RequestContext;
import java.util.List;
import java.util.Map;

/** The public API's order shapes and the answers shared by the order routes. */
final class OrderResponses {
    private OrderResponses() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OrderView(
            String orderId,
            String status,
            String storeId,
            List<LineView> lines,
            long totalCents,
            String currency,
            String pickupCode,
            List<StepView> timeline) {}

    record LineView(String sku, String name, int quantity, long unitPriceCents, long lineTotalCents) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StepView(String at, String event, String detail) {}

    record StatusView(String orderId, String status) {}

    static OrderView view(Order order) {
        return new OrderView(
                order.id().value(),
                order.status().name(),
                order.storeId().value(),
                order.lines().stream().map(OrderResponses::line).toList(),
                order.total().minorUnits(),
                order.total().currencyCode(),
                order.visiblePickupCode().map(c -> c.value()).orElse(null),
                order.timeline().stream()
                        .map(t -> new StepView(t.at().toString(), t.event(), t.detail()))
                        .toList());
    }

    private static LineView line(OrderLine l) {
        return new LineView(
                l.sku().value(),
                l.name(),
                l.quantity(),
                l.unitPrice().minorUnits(),
                l.total().minorUnits());
    }

    static CommandContext context(ApiRequest request) {
        return new CommandContext(
                RequestContext.correlationId(request), request.requestId(), RequestContext.traceHeader());
    }

    /** Order routes need the order's token; its absence is told apart, a wrong one is not. */
    static APIGatewayV2HTTPResponse missingToken() {
        APIGatewayV2HTTPResponse response = HttpResponses.problem(
                Problem.unauthorized("Send the order's token as Authorization: Bearer <orderToken>."));
        response.getHeaders().put("WWW-Authenticate", "Bearer");
        return response;
    }

    static APIGatewayV2HTTPResponse notFound() {
        return HttpResponses.problem(Problem.notFound("No order with that id is visible with this token."));
    }

    static APIGatewayV2HTTPResponse invalid(List<InvalidField> errors) {
        return HttpResponses.problem(Problem.validation(
                errors.stream().map(e -> new FieldError(e.field(), e.message())).toList()));
    }

    /** The answer to a change the customer asked for: 202 once made, 409 when the order refuses it. */
    static APIGatewayV2HTTPResponse changed(OrderChanges.Result result) {
        return switch (result) {
            case OrderChanges.Result.Changed c ->
                HttpResponses.json(
                        202,
                        new StatusView(
                                c.order().id().value(), c.order().status().name()));
            case OrderChanges.Result.Unchanged u ->
                HttpResponses.problem(
                        Problem.conflict("The order is already " + u.order().status() + "."));
            case OrderChanges.Result.Refused r -> HttpResponses.problem(refusal(r.refusal()));
            case OrderChanges.Result.NotFound n -> notFound();
            case OrderChanges.Result.Contended c -> {
                APIGatewayV2HTTPResponse busy = HttpResponses.problem(Problem.unavailable());
                busy.getHeaders().put("Retry-After", "1");
                yield busy;
            }
        };
    }

    private static Problem refusal(Refusal refusal) {
        return switch (refusal.reason()) {
            case ALREADY_ENDED -> Problem.of(409, "order-ended", "The order has ended", capitalised(refusal.message()));
            default -> Problem.of(409, "transition-refused", "Not possible now", capitalised(refusal.message()));
        };
    }

    private static String capitalised(String message) {
        return Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".";
    }

    static Map<String, String> location(String orderId) {
        return Map.of("Location", "/orders/" + orderId);
    }
}
