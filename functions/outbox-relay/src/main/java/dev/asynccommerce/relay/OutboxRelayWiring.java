package dev.asynccommerce.relay;

import dev.asynccommerce.platform.aws.AwsClients;
import dev.asynccommerce.platform.aws.Environment;
import dev.asynccommerce.relay.adapter.eventbridge.EventBridgePublisher;
import dev.asynccommerce.relay.application.Backoff;
import dev.asynccommerce.relay.application.EventPublisher;
import dev.asynccommerce.relay.application.OutboxRelay;
import dev.asynccommerce.relay.application.RetryPolicy;
import java.util.Objects;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Composition root of the outbox relay: reads the environment once and builds the EventBridge
 * client. Region, credentials and endpoint come from the SDK's environment lookup, so the local
 * stack points the relay at itself with {@code AWS_ENDPOINT_URL} alone.
 */
public record OutboxRelayWiring(OutboxRelay relay) {
    /** The name or ARN of the bus the outbox events go to. */
    public static final String EVENT_BUS_NAME = "EVENT_BUS_NAME";

    public OutboxRelayWiring {
        Objects.requireNonNull(relay, "relay");
    }

    public static OutboxRelayWiring fromEnvironment() {
        return from(Environment.system());
    }

    public static OutboxRelayWiring from(Environment environment) {
        String eventBusName = environment.require(EVENT_BUS_NAME);
        EventBridgeClient client = EventBridgeClient.builder()
                .httpClient(AwsClients.httpClient())
                .overrideConfiguration(AwsClients.overrides())
                .build();
        return with(new EventBridgePublisher(client, eventBusName), Backoff.sleeping());
    }

    /** A relay on any publisher, with the standard retry policy: for tests and the local stack. */
    public static OutboxRelayWiring with(EventPublisher publisher, Backoff backoff) {
        return new OutboxRelayWiring(new OutboxRelay(publisher, backoff, RetryPolicy.standard()));
    }
}
