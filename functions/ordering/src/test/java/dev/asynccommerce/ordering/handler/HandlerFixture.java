package dev.asynccommerce.ordering.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.ordering.OrderingWiring;
import dev.asynccommerce.ordering.application.FixedCatalog;
import dev.asynccommerce.ordering.application.InMemoryOrderRepository;
import dev.asynccommerce.ordering.application.InMemoryPaymentWaits;
import dev.asynccommerce.ordering.application.RecordingCallbacks;
import dev.asynccommerce.ordering.application.RecordingWorkflows;
import dev.asynccommerce.ordering.application.SequentialIdentities;
import dev.asynccommerce.platform.json.Json;
import dev.asynccommerce.testkit.MutableClock;
import java.time.Duration;
import java.util.HashMap;

/** The ordering wiring over in-memory fakes, and recorded API Gateway events to replay at it. */
final class HandlerFixture {
    final MutableClock clock = MutableClock.at("2026-11-21T09:00:00Z");
    final InMemoryOrderRepository orders = new InMemoryOrderRepository(clock);
    final InMemoryPaymentWaits paymentWaits = new InMemoryPaymentWaits();
    final RecordingCallbacks callbacks = new RecordingCallbacks();
    final RecordingWorkflows workflows = new RecordingWorkflows();
    final OrderingWiring wiring = new OrderingWiring(
            orders,
            new FixedCatalog(),
            new SequentialIdentities(),
            clock,
            new OrderingWiring.WorkflowPorts(paymentWaits, callbacks, workflows, Duration.ofDays(1)));

    static APIGatewayV2HTTPEvent recorded(String name) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/" + name);
        event.setHeaders(new HashMap<>(event.getHeaders()));
        return event;
    }

    static JsonNode body(APIGatewayV2HTTPResponse response) {
        try {
            return Json.mapper().readTree(response.getBody());
        } catch (Exception e) {
            throw new AssertionError("response body is not JSON: " + response.getBody(), e);
        }
    }

    static String contentType(APIGatewayV2HTTPResponse response) {
        return response.getHeaders().get("Content-Type");
    }
}
