package dev.asynccommerce.fulfillment.handler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.fulfillment.application.EventOutcome;
import dev.asynccommerce.platform.http.RequestContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.Function;
import org.apache.logging.log4j.Logger;

/**
 * What the EventBridge target handlers share: the event's correlation and order ids on every log
 * line, the use case called with the event's JSON, the outcome logged and answered.
 */
final class EventHandling {
    private EventHandling() {}

    static void handle(
            InputStream input, OutputStream output, Logger log, String consumer, Function<String, EventOutcome> useCase)
            throws IOException {
        String event = StreamJson.readText(input);
        putOnLogLines(event);
        EventOutcome outcome;
        try {
            outcome = useCase.apply(event);
        } catch (RuntimeException e) {
            // Retried by Lambda's asynchronous invocation; the message may quote data, the type does not.
            log.error("{} failed: {}", consumer, e.getClass().getName());
            throw e;
        }
        String answer = switch (outcome) {
            case EventOutcome.Handled h -> {
                log.info("{}: {}", consumer, h.summary());
                yield "HANDLED";
            }
            case EventOutcome.Duplicate d -> {
                log.info("{}: event {} handled before", consumer, d.eventId());
                yield "DUPLICATE";
            }
            case EventOutcome.Ignored i -> {
                log.warn("{}: ignored an event it does not act on", consumer);
                yield "IGNORED";
            }
            case EventOutcome.Invalid i -> {
                log.error("{}: event refused: {}", consumer, i.problems());
                throw new UnprocessableEventException(i.problems());
            }
        };
        StreamJson.write(output, Map.of("outcome", answer));
    }

    private static void putOnLogLines(String event) {
        JsonNode tree = StreamJson.objectOrNull(event);
        JsonNode detail = tree == null ? null : tree.path("detail");
        String correlationId = detail == null
                ? null
                : StreamJson.safeId(detail.path("metadata").get("correlationId"));
        String orderId =
                detail == null ? null : StreamJson.safeId(detail.path("data").get("orderId"));
        RequestContext.log(correlationId == null ? "unknown" : correlationId, orderId);
    }
}
