package dev.asynccommerce.localstack.stepfunctions.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.localstack.stepfunctions.Json;
import dev.asynccommerce.localstack.stepfunctions.StatesError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * {@code arn:aws:states:::events:putEvents} and {@code .waitForTaskToken}. A Detail given as JSON
 * is sent as its text; a response with failed entries fails the task with {@code
 * EventBridge.FailedEntry}, as the EventBridge integration page of the developer guide describes.
 */
public final class EventBridgeIntegration implements ServiceIntegration {
    private final EventBridgeClient events;

    public EventBridgeIntegration(EventBridgeClient events) {
        this.events = events;
    }

    @Override
    public String service() {
        return "events";
    }

    @Override
    public boolean supports(String action, IntegrationPattern pattern) {
        return "putEvents".equals(action) && pattern != IntegrationPattern.RUN_JOB;
    }

    @Override
    public CompletionStage<JsonNode> call(TaskCall call) {
        List<PutEventsRequestEntry> entries = new ArrayList<>();
        for (JsonNode e : call.parameters().path("Entries")) {
            JsonNode detail = e.get("Detail");
            List<String> resources = new ArrayList<>();
            e.path("Resources").forEach(r -> resources.add(r.asText()));
            entries.add(PutEventsRequestEntry.builder()
                    .source(e.path("Source").asText(null))
                    .detailType(e.path("DetailType").asText(null))
                    .detail(detail == null ? null : detail.isTextual() ? detail.asText() : Json.write(detail))
                    .eventBusName(e.path("EventBusName").asText(null))
                    .resources(resources.isEmpty() ? null : resources)
                    .time(e.hasNonNull("Time") ? Instant.parse(e.get("Time").asText()) : null)
                    // An entry without a TraceHeader of its own carries the execution's trace.
                    .traceHeader(e.path("TraceHeader").asText(call.traceHeader()))
                    .build());
        }
        try {
            PutEventsResponse response = events.putEvents(b -> b.entries(entries));
            ObjectNode out = Json.object();
            ArrayNode results = out.putArray("Entries");
            response.entries().forEach(r -> {
                ObjectNode entry = results.addObject();
                if (r.eventId() != null) {
                    entry.put("EventId", r.eventId());
                }
                if (r.errorCode() != null) {
                    entry.put("ErrorCode", r.errorCode());
                    entry.put("ErrorMessage", r.errorMessage());
                }
            });
            int failed = response.failedEntryCount() == null ? 0 : response.failedEntryCount();
            out.put("FailedEntryCount", failed);
            if (failed > 0) {
                throw new StatesError("EventBridge.FailedEntry", Json.write(out));
            }
            return CompletableFuture.completedFuture(out);
        } catch (SdkException e) {
            throw SdkErrors.map("EventBridge", "AmazonEventBridge", e);
        }
    }
}
