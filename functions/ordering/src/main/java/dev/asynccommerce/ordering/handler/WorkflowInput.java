package dev.asynccommerce.ordering.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asynccommerce.platform.http.RequestContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a workflow task or an EventBridge rule hands a function: JSON, read once, with the ids every
 * log line of the invocation carries.
 */
final class WorkflowInput {
    static final ObjectMapper JSON = new ObjectMapper();

    private final String raw;
    private final JsonNode tree;

    private WorkflowInput(String raw, JsonNode tree) {
        this.raw = raw;
        this.tree = tree;
    }

    static WorkflowInput read(InputStream in) {
        try {
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new WorkflowInput(raw, JSON.readTree(raw));
        } catch (IOException e) {
            throw new IllegalArgumentException("the input is not JSON");
        }
    }

    String raw() {
        return raw;
    }

    /** A text field of a task's payload. */
    Optional<String> text(String field) {
        JsonNode node = tree.path(field);
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }

    String required(String field) {
        return text(field).orElseThrow(() -> new IllegalArgumentException("the input has no text field " + field));
    }

    /** Logs with a task payload's {@code correlationId} and {@code orderId}. */
    WorkflowInput logAsTask() {
        RequestContext.log(text("correlationId").orElse("none"), text("orderId").orElse(null));
        return this;
    }

    /** Logs with an EventBridge event's {@code detail.metadata.correlationId} and {@code detail.data.orderId}. */
    WorkflowInput logAsEvent() {
        JsonNode detail = tree.path("detail");
        String correlationId = detail.path("metadata").path("correlationId").asText("none");
        JsonNode orderId = detail.path("data").path("orderId");
        RequestContext.log(correlationId, orderId.isTextual() ? orderId.asText() : null);
        return this;
    }

    static void write(OutputStream out, JsonNode answer) {
        try {
            out.write(JSON.writeValueAsBytes(answer));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
