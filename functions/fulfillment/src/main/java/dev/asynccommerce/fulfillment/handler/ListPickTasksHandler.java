package dev.asynccommerce.fulfillment.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.asynccommerce.fulfillment.FulfillmentWiring;
import dev.asynccommerce.fulfillment.application.ListOpenPickTasks;
import dev.asynccommerce.fulfillment.application.OpenPickTask;
import dev.asynccommerce.fulfillment.domain.PickLine;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.platform.http.ApiRequest;
import dev.asynccommerce.platform.http.Guard;
import dev.asynccommerce.platform.http.HttpResponses;
import dev.asynccommerce.platform.http.RequestContext;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /stores/{storeId}/pick-tasks} (HTTP API, staff JWT authorizer): {@code 200
 * {"tasks":[{"orderId","lines":[{"sku","quantity"}],"createdAt","dueAt","escalated"}]}}, the store's
 * open tasks, earliest due first; {@code 403} for a token of another store. Reads only.
 */
public final class ListPickTasksHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ListOpenPickTasks listOpenPickTasks;

    public ListPickTasksHandler() {
        this(FulfillmentWiring.fromEnvironment());
    }

    public ListPickTasksHandler(FulfillmentWiring wiring) {
        this.listOpenPickTasks = wiring.listOpenPickTasks();
    }

    record TasksView(List<TaskView> tasks) {}

    record TaskView(String orderId, List<LineView> lines, String createdAt, String dueAt, boolean escalated) {}

    record LineView(String sku, int quantity) {
        static List<LineView> of(List<PickLine> lines) {
            return lines.stream()
                    .map(l -> new LineView(l.sku().value(), l.quantity()))
                    .toList();
        }
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        ApiRequest request = new ApiRequest(event);
        RequestContext.log(RequestContext.correlationId(request), null);
        return Guard.respond("ListPickTasks", () -> {
            Optional<StoreId> store = StoreRoutes.authorizedStore(request);
            if (store.isEmpty()) {
                return StoreRoutes.otherStore();
            }
            List<TaskView> tasks = listOpenPickTasks.execute(store.get()).stream()
                    .map(ListPickTasksHandler::view)
                    .toList();
            return HttpResponses.json(200, new TasksView(tasks));
        });
    }

    private static TaskView view(OpenPickTask task) {
        return new TaskView(
                task.orderId().value(),
                LineView.of(task.lines()),
                task.createdAt().toString(),
                task.dueAt().toString(),
                task.escalated());
    }
}
