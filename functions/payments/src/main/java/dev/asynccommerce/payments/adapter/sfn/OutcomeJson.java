package dev.asynccommerce.payments.adapter.sfn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.payments.domain.AuthorizationOutcome;

/**
 * The task output of an authorization, exactly as docs/bopis-workflow.md fixes it:
 * {@code {"outcome":"AUTHORIZED","paymentId","methodType","methodIndex"}}, {@code
 * {"outcome":"DECLINED","reason"}} or {@code {"outcome":"FAILED","reason"}}.
 */
public final class OutcomeJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OutcomeJson() {}

    public static String of(AuthorizationOutcome outcome) {
        ObjectNode json = MAPPER.createObjectNode();
        switch (outcome) {
            case AuthorizationOutcome.Authorized a -> {
                json.put("outcome", "AUTHORIZED");
                json.put("paymentId", a.paymentId().value());
                json.put("methodType", a.methodType().name());
                json.put("methodIndex", a.methodIndex());
            }
            case AuthorizationOutcome.Declined d -> {
                json.put("outcome", "DECLINED");
                json.put("reason", d.reason());
            }
            case AuthorizationOutcome.Failed f -> {
                json.put("outcome", "FAILED");
                json.put("reason", f.reason());
            }
        }
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
