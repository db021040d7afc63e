package dev.asynccommerce.relay.adapter.eventbridge;

import dev.asynccommerce.relay.application.EventPublisher;
import dev.asynccommerce.relay.application.OutboxRecord;
import dev.asynccommerce.relay.application.PublishResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Publishes outbox records to one EventBridge bus with {@code PutEvents}: one call per chunk, one
 * entry per record ({@code Source}, {@code DetailType}, {@code Detail}, {@code Time} = occurredAt,
 * {@code TraceHeader} when the record has one).
 *
 * <p>The client's own retries (throttling, 5xx) run first; what still fails comes back as {@link
 * PublishResult.Failed} for every entry of the call, never as an exception.
 */
public final class EventBridgePublisher implements EventPublisher {
    private final EventBridgeClient client;
    private final String eventBusName;

    public EventBridgePublisher(EventBridgeClient client, String eventBusName) {
        this.client = Objects.requireNonNull(client, "client");
        this.eventBusName = Objects.requireNonNull(eventBusName, "eventBusName");
    }

    @Override
    public List<PublishResult> publish(List<OutboxRecord> records) {
        List<PutEventsRequestEntry> entries = records.stream().map(this::entry).toList();
        PutEventsResponse response;
        try {
            response =
                    client.putEvents(PutEventsRequest.builder().entries(entries).build());
        } catch (AwsServiceException e) {
            return failedCall(records.size(), serviceErrorCode(e));
        } catch (SdkException e) {
            return failedCall(records.size(), e.getClass().getSimpleName());
        }
        List<PublishResult> results = new ArrayList<>(records.size());
        for (PutEventsResultEntry result : response.entries()) {
            results.add(
                    result.errorCode() != null
                            ? new PublishResult.Failed(result.errorCode())
                            : new PublishResult.Published(result.eventId()));
        }
        return results;
    }

    private PutEventsRequestEntry entry(OutboxRecord record) {
        return PutEventsRequestEntry.builder()
                .eventBusName(eventBusName)
                .source(record.source())
                .detailType(record.detailType())
                .detail(record.detail())
                .time(record.occurredAt())
                .traceHeader(record.traceHeader())
                .build();
    }

    private static String serviceErrorCode(AwsServiceException e) {
        if (e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null) {
            return e.awsErrorDetails().errorCode();
        }
        return "HTTP" + e.statusCode();
    }

    private static List<PublishResult> failedCall(int entries, String errorCode) {
        return Collections.nCopies(entries, new PublishResult.Failed(errorCode));
    }
}
