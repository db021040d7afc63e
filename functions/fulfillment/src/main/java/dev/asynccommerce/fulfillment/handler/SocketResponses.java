package dev.asynccommerce.fulfillment.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.asynccommerce.platform.http.Guard;
import dev.asynccommerce.platform.http.HttpResponses;
import dev.asynccommerce.platform.http.Problem;
import java.util.function.Supplier;

/**
 * Answers to WebSocket route invocations. On {@code $connect} any status but 2xx makes API Gateway
 * refuse the connection; on {@code $disconnect} the answer is only logged by API Gateway.
 *
 * <p>Answers are built as HTTP API responses and go through platform's {@link Guard}, so a failure
 * is logged and answered (503 when worth retrying, else 500) exactly as on the HTTP routes; then
 * they are copied into the WebSocket response type, which has the same fields.
 */
final class SocketResponses {
    private SocketResponses() {}

    static APIGatewayV2WebSocketResponse respond(String operation, Supplier<APIGatewayV2HTTPResponse> work) {
        APIGatewayV2HTTPResponse answer = Guard.respond(operation, work);
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(answer.getStatusCode());
        response.setHeaders(answer.getHeaders());
        response.setBody(answer.getBody());
        return response;
    }

    static APIGatewayV2HTTPResponse ok() {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).build();
    }

    static APIGatewayV2HTTPResponse badRequest(String detail) {
        return HttpResponses.problem(Problem.badRequest(detail));
    }

    static APIGatewayV2HTTPResponse unauthorized() {
        return HttpResponses.problem(
                Problem.unauthorized("A current staff sign-in token is required (query parameter token)."));
    }

    static APIGatewayV2HTTPResponse forbidden() {
        return HttpResponses.problem(Problem.of(403, "forbidden", "Forbidden", "The token is for another store."));
    }
}
