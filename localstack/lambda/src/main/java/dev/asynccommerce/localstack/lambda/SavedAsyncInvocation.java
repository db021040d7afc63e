package dev.asynccommerce.localstack.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.localstack.spi.TraceContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * One unfinished asynchronous invocation as {@link LambdaService#saveState()} writes it and {@link
 * LambdaService#restoreState(JsonNode)} reads it back: plain JSON, so that a file written by one build is
 * read by the next. Payloads are base64, so the function gets the very bytes it was sent.
 *
 * @param requestId the request id the function sees on every attempt
 * @param function the function's name
 * @param qualifier the version or alias it was invoked by ({@code $LATEST} when named so), or null for the
 *     unqualified function
 * @param payload the event
 * @param queuedAt when it entered the queue: its maximum event age counts from here
 * @param nextAttemptAt when its next attempt is due (a retry's or throttle backoff's due time, or when it
 *     was queued for one that was waiting or running at the save)
 * @param attemptsMade attempts that ended in a function error (they count against MaximumRetryAttempts)
 * @param throttles attempts throttled or refused by a system error (they only lengthen the backoff)
 * @param trace the trace every attempt continues or links to
 * @param lastFailure the last failed attempt's response, for the invocation record; null before any
 */
record SavedAsyncInvocation(
        String requestId,
        String function,
        String qualifier,
        byte[] payload,
        Instant queuedAt,
        Instant nextAttemptAt,
        int attemptsMade,
        int throttles,
        TraceContext trace,
        InvocationResult lastFailure) {

    SavedAsyncInvocation {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(queuedAt, "queuedAt");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(trace, "trace");
        if (attemptsMade < 0 || throttles < 0) {
            throw new IllegalArgumentException("negative attempt counts");
        }
    }

    ObjectNode toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("requestId", requestId);
        node.put("function", function);
        if (qualifier != null) {
            node.put("qualifier", qualifier);
        }
        node.put("payload", Base64.getEncoder().encodeToString(payload));
        node.put("queuedAt", queuedAt.toString());
        node.put("nextAttemptAt", nextAttemptAt.toString());
        node.put("attemptsMade", attemptsMade);
        node.put("throttles", throttles);
        if (trace.caller() != null) {
            node.putObject("trace").put("caller", trace.caller().toString());
        } else if (!trace.links().isEmpty()) {
            ArrayNode links = node.putObject("trace").putArray("links");
            trace.links().forEach(link -> links.add(link.toString()));
        }
        if (lastFailure != null) {
            ObjectNode failure = node.putObject("lastFailure");
            failure.put("statusCode", lastFailure.statusCode());
            failure.put("executedVersion", lastFailure.executedVersion());
            failure.put("functionError", lastFailure.functionError());
            failure.put("payload", Base64.getEncoder().encodeToString(lastFailure.payload()));
        }
        return node;
    }

    /**
     * Reads one entry.
     *
     * @throws IllegalArgumentException when a field is missing or malformed
     */
    static SavedAsyncInvocation fromJson(JsonNode node) {
        String requestId = text(node, "requestId");
        TraceContext trace = TraceContext.NONE;
        JsonNode traceNode = node.path("trace");
        if (traceNode.hasNonNull("caller")) {
            trace = TraceContext.continuing(traceNode.get("caller").asText());
        } else if (traceNode.path("links").isArray()) {
            List<String> links = new ArrayList<>();
            traceNode.get("links").forEach(link -> links.add(link.asText()));
            trace = TraceContext.linkedTo(links);
        }
        InvocationResult lastFailure = null;
        JsonNode failure = node.path("lastFailure");
        if (failure.isObject()) {
            lastFailure = new InvocationResult(
                    failure.path("statusCode").asInt(200),
                    base64(failure, "payload"),
                    failure.path("functionError").asText("Unhandled"),
                    failure.path("executedVersion").asText(null),
                    requestId,
                    "");
        }
        return new SavedAsyncInvocation(
                requestId,
                text(node, "function"),
                node.hasNonNull("qualifier") ? node.get("qualifier").asText() : null,
                base64(node, "payload"),
                instant(node, "queuedAt"),
                instant(node, "nextAttemptAt"),
                count(node, "attemptsMade"),
                count(node, "throttles"),
                trace,
                lastFailure);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return value.asText();
    }

    private static byte[] base64(JsonNode node, String field) {
        String encoded = text(node, field);
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not base64", e);
        }
    }

    private static Instant instant(JsonNode node, String field) {
        String text = text(node, field);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not an ISO-8601 instant", e);
        }
    }

    private static int count(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return value.asInt();
    }
}
