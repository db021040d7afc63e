package dev.asynccommerce.notifications.handler;

import dev.asynccommerce.notifications.application.NotifyCustomer;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON answers of the handlers: {@code {"outcome": ..., "notificationType": ...}}. */
final class Outcomes {
    static final String SENT = "SENT";
    static final String ALREADY_SENT = "ALREADY_SENT";
    static final String SKIPPED = "SKIPPED";
    static final String IGNORED = "IGNORED";

    private Outcomes() {}

    static Map<String, Object> of(NotifyCustomer.Outcome outcome) {
        Map<String, Object> answer = new LinkedHashMap<>();
        switch (outcome) {
            case NotifyCustomer.Outcome.Sent s -> answer.put("outcome", SENT);
            case NotifyCustomer.Outcome.AlreadySent a -> answer.put("outcome", ALREADY_SENT);
            case NotifyCustomer.Outcome.NoContact n -> {
                answer.put("outcome", SKIPPED);
                answer.put("reason", "NO_CUSTOMER_CONTACT");
            }
        }
        answer.put("notificationType", outcome.type().name());
        return answer;
    }

    static Map<String, Object> ignored(String detailType) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("outcome", IGNORED);
        answer.put("detailType", detailType);
        return answer;
    }
}
