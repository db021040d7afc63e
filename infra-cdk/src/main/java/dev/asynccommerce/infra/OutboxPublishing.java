package dev.asynccommerce.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The outbox relay and one stream mapping per outbox table. Each mapping reports batch item
 * failures, bisects a failing batch, retries a bounded number of times and then sends the record's
 * coordinates to the relay failure queue; one shard is processed in order (parallelization 1).
 */
public final class OutboxPublishing extends Construct {
    /** Retries per record before it goes to the failure destination. */
    public static final int RETRY_ATTEMPTS = 10;

    private final ServiceFunction relay;

    public OutboxPublishing(
            Construct scope, String id, Artifacts artifacts, List<Table> outboxTables, EventBus bus, IQueue failures) {
        super(scope, id);
        this.relay = new ServiceFunction(
                this,
                "Relay",
                artifacts,
                new ServiceFunction.Spec(
                        "outbox-relay",
                        "dev.asynccommerce.relay.handler.OutboxRelayHandler",
                        512,
                        Duration.seconds(60),
                        "Publishes outbox records from the tables' streams to EventBridge",
                        Map.of("EVENT_BUS_NAME", bus.getEventBusName())));
        bus.grantPutEventsTo(relay.function());
        for (Table table : outboxTables) {
            relay.live()
                    .addEventSource(DynamoEventSource.Builder.create(table)
                            .startingPosition(StartingPosition.TRIM_HORIZON)
                            .batchSize(100)
                            .maxBatchingWindow(Duration.millis(0))
                            .parallelizationFactor(1)
                            .bisectBatchOnError(true)
                            .retryAttempts(RETRY_ATTEMPTS)
                            .maxRecordAge(Duration.hours(24))
                            .reportBatchItemFailures(true)
                            .onFailure(new SqsDlq(failures))
                            .build());
        }
    }

    public ServiceFunction relay() {
        return relay;
    }
}
