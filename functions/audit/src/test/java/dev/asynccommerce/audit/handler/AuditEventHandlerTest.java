package dev.asynccommerce.audit.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asynccommerce.audit.AuditFixtures;
import dev.asynccommerce.audit.AuditWiring;
import dev.asynccommerce.audit.adapter.emf.EmfMetricsPublisher;
import dev.asynccommerce.audit.application.InMemoryAuditTrail;
import dev.asynccommerce.platform.metrics.EmfMetrics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule's target end to end in one JVM: EventBridge event in, trail and EMF lines out. */
class AuditEventHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemoryAuditTrail trail = new InMemoryAuditTrail();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final AuditEventHandler handler = new AuditEventHandler(new AuditWiring(
            trail,
            new EmfMetricsPublisher(new EmfMetrics(
                    "AsyncCommerce",
                    new PrintStream(logs, true, StandardCharsets.UTF_8),
                    Clock.fixed(Instant.parse("2026-11-21T09:10:43Z"), ZoneOffset.UTC)))));

    private JsonNode handle(String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return JSON.readTree(out.toByteArray());
    }

    private List<JsonNode> emfDocuments() {
        return logs.toString(StandardCharsets.UTF_8)
                .lines()
                .map(line -> {
                    try {
                        return JSON.readTree(line);
                    } catch (IOException e) {
                        throw new AssertionError("not one JSON document per line: " + line, e);
                    }
                })
                .toList();
    }

    @Test
    void aFunnelEventIsRecordedAndCountedInEmbeddedMetricFormat() throws Exception {
        JsonNode answer = handle(AuditFixtures.event("OrderReadyForPickup"));

        assertThat(answer.path("outcome").asText()).isEqualTo("RECORDED");
        assertThat(trail.size()).isEqualTo(1);
        List<JsonNode> documents = emfDocuments();
        assertThat(documents).hasSize(1);
        JsonNode emf = documents.getFirst();
        assertThat(emf.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo("AsyncCommerce");
        assertThat(emf.at("/_aws/CloudWatchMetrics/0/Metrics/0/Name").asText()).isEqualTo("OrdersReadyForPickup");
        assertThat(emf.path("OrdersReadyForPickup").asInt()).isEqualTo(1);
        assertThat(emf.path("aggregateId").asText()).isEqualTo("ord_01jdq8r5w3k7m2n9p4t6v8x0zb");
        assertThat(emf.toString()).as("no detail, so no pickup code").doesNotContain("pickupCode");
    }

    @Test
    void aDuplicateIsAnsweredAsAlreadyRecordedAndCountsNothing() throws Exception {
        handle(AuditFixtures.event("OrderPlaced"));

        JsonNode answer = handle(AuditFixtures.event("OrderPlaced"));

        assertThat(answer.path("outcome").asText()).isEqualTo("ALREADY_RECORDED");
        assertThat(emfDocuments()).hasSize(1);
    }

    @Test
    void anEventThatBreaksItsContractIsRefusedAndNothingIsKept() {
        String broken = AuditFixtures.event("OrderPlaced", AuditFixtures.metadata("eventId", "not-a-uuid"));

        assertThatThrownBy(() -> handle(broken))
                .isInstanceOf(RefusedInputException.class)
                .hasMessageContaining("eventId")
                .hasNoCause();
        assertThat(trail.size()).isZero();
        assertThat(logs.size()).isZero();
    }

    @Test
    void anOversizedInputIsRefusedUnread() {
        String huge = "{\"pad\":\"" + "x".repeat(300 * 1024) + "\"}";

        assertThatThrownBy(() -> handle(huge)).isInstanceOf(RefusedInputException.class);
        assertThat(trail.size()).isZero();
    }
}
