package dev.asynccommerce.payments.handler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.payments.application.AuthorizeRequest;
import dev.asynccommerce.payments.application.InvalidPaymentRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The payments queue's AUTHORIZE message body (docs/bopis-workflow.md) to the checked request. */
final class AuthorizeMessage {
    private static final Set<String> FIELDS =
            Set.of("command", "taskToken", "orderId", "correlationId", "attempt", "amountCents", "currency", "methods");
    private static final Set<String> METHOD_FIELDS = Set.of("type", "token");

    private AuthorizeMessage() {}

    /** @throws InvalidPaymentRequestException when the body is not a valid AUTHORIZE message */
    static AuthorizeRequest parse(String body) {
        JsonNode json = JsonFields.parseObject(body)
                .orElseThrow(() -> new InvalidPaymentRequestException(List.of("body: must be a JSON object")));
        JsonFields fields = JsonFields.of(json, FIELDS);
        String command = fields.text("command");
        String taskToken = fields.text("taskToken");
        String orderId = fields.text("orderId");
        String correlationId = fields.text("correlationId");
        Long attempt = fields.integer("attempt");
        Long amountCents = fields.integer("amountCents");
        String currency = fields.text("currency");
        List<JsonNode> methodNodes = fields.array("methods");
        List<AuthorizeRequest.RawMethod> methods = null;
        if (methodNodes != null) {
            methods = new ArrayList<>();
            for (int i = 0; i < methodNodes.size(); i++) {
                JsonNode node = methodNodes.get(i);
                if (!node.isObject()) {
                    fields.problem("methods[" + i + "]", "must be an object");
                    methods.add(null);
                    continue;
                }
                JsonFields method = fields.nested(node, "methods[" + i + "]", METHOD_FIELDS);
                methods.add(new AuthorizeRequest.RawMethod(method.text("type"), method.text("token")));
            }
        }
        fields.throwIfAny();
        return AuthorizeRequest.of(command, taskToken, orderId, correlationId, attempt, amountCents, currency, methods);
    }

    /** The task token of a body that is otherwise unusable, when it has a usable one. */
    static Optional<String> taskToken(String body) {
        return JsonFields.parseObject(body)
                .map(json -> json.get("taskToken"))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText)
                .filter(token -> !token.isBlank());
    }

    /** The order id of a body, for the log context, when it has a well-formed one. */
    static Optional<String> orderId(String body) {
        return JsonFields.parseObject(body)
                .map(json -> json.get("orderId"))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText)
                .filter(id -> id.matches("ord_[0-9a-z]{26}"));
    }
}
