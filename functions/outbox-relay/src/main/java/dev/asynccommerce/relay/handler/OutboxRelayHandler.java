package dev.asynccommerce.relay.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.asynccommerce.relay.OutboxRelayWiring;
import dev.asynccommerce.relay.adapter.stream.OutboxRecords;
import dev.asynccommerce.relay.application.OutboxRelay;
import dev.asynccommerce.relay.application.RelayOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * Lambda entry point of the outbox relay.
 *
 * <p>Trigger: a DynamoDB Streams event-source mapping on a context's table (stream view {@code
 * NEW_AND_OLD_IMAGES}; the mapping uses {@code ReportBatchItemFailures},
 * {@code BisectBatchOnFunctionError}, bounded retries and an on-failure destination). Publishes
 * the batch's outbox inserts to the bus named by {@code EVENT_BUS_NAME}, in stream order, each
 * event once per batch; every other record is ignored.
 *
 * <p>Failure behaviour: when a record cannot be published (the bus keeps refusing it after the
 * relay's retries, or it is malformed or too large), the response names its sequence number as the
 * one batch item failure. Lambda checkpoints before it and re-delivers from it, so the records
 * published before it do not come back; after the mapping's retries the record goes to the
 * on-failure destination. An empty failure list tells Lambda the whole batch is done.
 */
public final class OutboxRelayHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final OutboxRelay relay;

    public OutboxRelayHandler() {
        this(OutboxRelayWiring.fromEnvironment());
    }

    public OutboxRelayHandler(OutboxRelayWiring wiring) {
        this.relay = wiring.relay();
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        switch (relay.relay(OutboxRecords.from(event))) {
            case RelayOutcome.Completed completed -> {}
            case RelayOutcome.Stopped stopped ->
                failures.add(new StreamsEventResponse.BatchItemFailure(stopped.failedSequenceNumber()));
        }
        return new StreamsEventResponse(failures);
    }
}
