package dev.asynccommerce.fulfillment.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import dev.asynccommerce.fulfillment.domain.ConnectionId;
import dev.asynccommerce.kernel.StoreId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.ThreadContext;

/**
 * Reads an API Gateway WebSocket event (the Lambda proxy format of {@code $connect} and {@code
 * $disconnect}), tolerating the absent maps API Gateway leaves out.
 */
final class SocketRequest {
    private final APIGatewayV2WebSocketEvent event;

    SocketRequest(APIGatewayV2WebSocketEvent event) {
        this.event = event;
    }

    Optional<ConnectionId> connectionId() {
        return event.getRequestContext() == null
                ? Optional.empty()
                : Optional.ofNullable(event.getRequestContext().getConnectionId())
                        .filter(ConnectionId::isValid)
                        .map(ConnectionId::new);
    }

    Optional<StoreId> storeId() {
        return queryParameter("storeId").filter(StoreId::isValid).map(StoreId::new);
    }

    /**
     * The parameter's one non-blank value. Given twice ({@code ?storeId=a&storeId=b}) it is
     * ambiguous, so it counts as absent: API Gateway would hand us only the last one.
     */
    Optional<String> queryParameter(String name) {
        Map<String, List<String>> all = event.getMultiValueQueryStringParameters();
        if (all != null && all.get(name) != null && all.get(name).size() > 1) {
            return Optional.empty();
        }
        Map<String, String> single = event.getQueryStringParameters();
        return Optional.ofNullable(single == null ? null : single.get(name)).filter(v -> !v.isBlank());
    }

    /**
     * Puts the request id, the connection and (when well-formed) the store on this invocation's log
     * lines, and clears what the last invocation left. Never the token, never the query string.
     */
    void putOnLogLines() {
        ThreadContext.clearMap();
        if (event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
            ThreadContext.put("correlationId", event.getRequestContext().getRequestId());
        }
        connectionId().ifPresent(c -> ThreadContext.put("connectionId", c.value()));
        storeId().ifPresent(s -> ThreadContext.put("storeId", s.value()));
    }
}
