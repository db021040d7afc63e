package dev.asynccommerce.fulfillment.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.asynccommerce.fulfillment.FulfillmentWiring;
import dev.asynccommerce.fulfillment.application.CommandContext;
import dev.asynccommerce.fulfillment.application.ReportPick;
import dev.asynccommerce.fulfillment.domain.PickTask;
import dev.asynccommerce.platform.http.FieldError;
import dev.asynccommerce.platform.http.HttpResponses;
import dev.asynccommerce.platform.http.Problem;
import dev.asynccommerce.platform.http.RequestContext;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * {@code POST /stores/{storeId}/orders/{orderId}/picked} with {@code {"lines":[{"sku","quantity"}]}},
 * one line per ordered SKU, quantity 0 when none could be picked (HTTP API, staff JWT authorizer).
 *
 * <p>{@code 202 {"orderId","outcome":"PICKED"|"SHORT_PICKED"}}: the result is stored with {@code
 * OrderPicked} or {@code OrderShortPicked}, the task closed and the workflow told. The same report
 * again answers 202 and publishes nothing more. {@code 400} names every bad field (malformed, an
 * unknown SKU, more than ordered, a line missing); {@code 403} a token of another store; {@code 404}
 * no open task for the order at this store (or cancelled); {@code 409} reported before with other
 * quantities; {@code 503} when the workflow or the table did not answer: retry the same request.
 */
public final class MarkPickedHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LogManager.getLogger(MarkPickedHandler.class);
    static final int MAX_BODY_BYTES = 16 * 1024;

    private final ReportPick reportPick;

    public MarkPickedHandler() {
        this(FulfillmentWiring.fromEnvironment());
    }

    public MarkPickedHandler(FulfillmentWiring wiring) {
        this.reportPick = wiring.reportPick();
    }

    record Reported(String orderId, String outcome) {}

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return StoreRoutes.orderCommand(
                event,
                "MarkPicked",
                MAX_BODY_BYTES,
                Set.of("lines"),
                (body, fields) -> fields.lines(body, "lines", PickTask.MAX_LINES, 0),
                (store, orderId, lines, request) -> {
                    CommandContext command = new CommandContext(request.requestId(), RequestContext.traceHeader());
                    return switch (reportPick.execute(store, orderId, lines, command)) {
                        case ReportPick.Result.Reported r -> {
                            LOG.info("pick reported: {}{}", r.outcome(), r.repeated() ? " (repeated)" : "");
                            yield HttpResponses.json(
                                    202,
                                    new Reported(
                                            r.orderId().value(), r.outcome().name()));
                        }
                        case ReportPick.Result.Invalid i ->
                            StoreRoutes.invalid(i.problems().stream()
                                    .map(p -> new FieldError(p.field(), p.message()))
                                    .toList());
                        case ReportPick.Result.Conflicting c ->
                            HttpResponses.problem(Problem.conflict("This order's pick was reported already ("
                                    + c.recorded() + ") with other quantities."));
                        case ReportPick.Result.NotFound n ->
                            HttpResponses.problem(Problem.notFound("No open pick task for that order at this store."));
                    };
                });
    }
}
