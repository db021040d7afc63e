package dev.asynccommerce.notifications.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.notifications.NotificationsWiring;
import dev.asynccommerce.notifications.application.PickupReminderRequest;
import dev.asynccommerce.notifications.application.SendPickupReminder;
import dev.asynccommerce.platform.http.RequestContext;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The BOPIS workflow's reminder task ({@code arn:aws:states:::lambda:invoke}, Payload {@code
 * {"command": "PICKUP_REMINDER", "orderId", "correlationId", "storeId", "expiresInSeconds"}}):
 * reminds the customer to collect the order before the pickup window ends, {@code
 * expiresInSeconds} (a positive JSON integer) from now.
 *
 * <p>Guarantees: one reminder per order, however often the task runs. Answers {@code {"outcome":
 * "SENT"}}, {@code {"outcome": "ALREADY_SENT"}} or {@code {"outcome": "SKIPPED", "reason":
 * "NO_CUSTOMER_CONTACT"}} (plus {@code notificationType}); none of them should stop the workflow.
 * Failure behaviour: a payload that breaks the contract (missing or malformed field, unknown field,
 * another command) is refused with {@link RefusedInputException}, nothing sent: a workflow bug,
 * not to be retried; a technical failure is an exception with nothing sent, safe to retry.
 */
public final class PickupReminderHandler implements RequestStreamHandler {
    private static final Logger LOG = LogManager.getLogger(PickupReminderHandler.class);
    private static final List<String> FIELD_ORDER =
            List.of("command", "orderId", "correlationId", "storeId", "expiresInSeconds");
    private static final Set<String> FIELDS = Set.copyOf(FIELD_ORDER);

    private final SendPickupReminder sendPickupReminder;

    public PickupReminderHandler() {
        this(NotificationsWiring.fromEnvironment());
    }

    public PickupReminderHandler(NotificationsWiring wiring) {
        this.sendPickupReminder = wiring.sendPickupReminder();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        LambdaIo.logContext(null, null);
        JsonNode payload = parse(LambdaIo.read(input));
        List<String> problems = new ArrayList<>();
        List<String> names = new ArrayList<>();
        payload.fieldNames().forEachRemaining(names::add);
        if (!FIELDS.containsAll(names)) {
            // The unknown names are not echoed: they are input, and may be anything.
            problems.add("$: may hold only " + String.join(", ", FIELD_ORDER));
        }
        PickupReminderRequest request = new PickupReminderRequest(
                text(payload, "command", problems),
                text(payload, "orderId", problems),
                text(payload, "correlationId", problems),
                text(payload, "storeId", problems),
                wholeNumber(payload, "expiresInSeconds"));
        LambdaIo.logContext(request.correlationId(), request.orderId());
        if (!problems.isEmpty()) {
            throw refused(problems);
        }
        switch (sendPickupReminder.execute(request, RequestContext.traceHeader())) {
            case SendPickupReminder.Outcome.Rejected rejected -> throw refused(rejected.problems());
            case SendPickupReminder.Outcome.Done done -> LambdaIo.write(output, Outcomes.of(done.outcome()));
        }
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode node = LambdaIo.JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw refused(List.of("$: must be a JSON object"));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw refused(List.of("$: is not well-formed JSON"));
        }
    }

    /** A string field's value; a field of another JSON type is a problem, a missing one is null. */
    private static String text(JsonNode payload, String field, List<String> problems) {
        JsonNode value = payload.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            problems.add(field + ": must be a string");
            return null;
        }
        return value.asText();
    }

    /**
     * An integer field's value; null when it is missing or not a JSON integer that fits a long (a
     * string, a fraction, a huge number), which the use case then refuses with its own rule.
     */
    private static Long wholeNumber(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            return null;
        }
        return value.longValue();
    }

    private static RefusedInputException refused(List<String> problems) {
        LOG.error("pickup reminder task refused: {}", String.join("; ", problems));
        return new RefusedInputException("pickup reminder task refused", problems);
    }
}
