package dev.asynccommerce.localstack.eventsources;

import dev.asynccommerce.localstack.spi.FunctionInvoker;
import dev.asynccommerce.localstack.spi.Timers;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** What every poller of one {@link EventSourceMappings} shares. */
record Settings(
        FunctionInvoker invoker,
        Timers timers,
        SqsClient sqs,
        DynamoDbStreamsClient streams,
        String region,
        Duration pollInterval,
        Duration retryBackoffFirst,
        Duration retryBackoffMax,
        int defaultSqsConcurrency,
        Activity activity) {

    /** The backoff before retry {@code attempt} (1-based): doubling from the first, capped. */
    Duration retryBackoff(int attempt) {
        Duration delay = retryBackoffFirst;
        for (int i = 1; i < attempt && delay.compareTo(retryBackoffMax) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(retryBackoffMax) > 0 ? retryBackoffMax : delay;
    }
}
