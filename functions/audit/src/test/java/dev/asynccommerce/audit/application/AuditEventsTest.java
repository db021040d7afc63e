package dev.asynccommerce.audit.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asynccommerce.audit.AuditFixtures;
import dev.asynccommerce.audit.domain.AuditedEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Only events that keep the published contract enter the audit, whole and as published. */
class AuditEventsTest {
    private final AuditEvents auditEvents = new AuditEvents();

    @Test
    void aValidEventIsReadWithItsIdentityAndItsDetailAsPublished() throws Exception {
        AuditEvents.Read read = auditEvents.read(AuditFixtures.event("PaymentAuthorized"));

        AuditedEvent event = ((AuditEvents.Read.Valid) read).event();
        assertThat(event.eventId()).isEqualTo("1ba86259-6646-4b03-a9ac-3f958e1a56d3");
        assertThat(event.source()).isEqualTo("commerce.payments");
        assertThat(event.eventType()).isEqualTo("PaymentAuthorized");
        assertThat(event.aggregateId()).isEqualTo("ord_01jdq8r5w3k7m2n9p4t6v8x0zb");
        assertThat(event.sequence()).isEqualTo(1);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-21T08:35:13.880Z"));
        assertThat(event.correlationId()).isEqualTo("req-5b0e1c7a9d3f4e2a");
        assertThat(event.causationId()).isEqualTo("f3076585-99ef-4a3f-a964-55b2def6d361");
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(event.detailJson())
                        .path("data")
                        .path("amountCents")
                        .asLong())
                .isEqualTo(7597);
    }

    @Test
    void anEventThatBreaksItsSchemaIsRefusedNamingTheField() {
        AuditEvents.Read read = auditEvents.read(AuditFixtures.event(
                "OrderPlaced",
                detail ->
                        ((com.fasterxml.jackson.databind.node.ObjectNode) detail.get("metadata")).put("sequence", -1)));

        assertThat(read).isInstanceOf(AuditEvents.Read.Invalid.class);
        assertThat(((AuditEvents.Read.Invalid) read).problems()).anyMatch(p -> p.contains("sequence"));
    }

    @Test
    void anEventFromAnotherSourceThanItsOwnIsRefused() {
        String forged = AuditFixtures.event("PaymentAuthorized")
                .replace("\"source\":\"commerce.payments\"", "\"source\":\"commerce.ordering\"");

        assertThat(auditEvents.read(forged)).isInstanceOf(AuditEvents.Read.Invalid.class);
    }

    @Test
    void nothingAndNonsenseAreRefused() {
        assertThat(auditEvents.read(null)).isInstanceOf(AuditEvents.Read.Invalid.class);
        assertThat(auditEvents.read("{")).isInstanceOf(AuditEvents.Read.Invalid.class);
        assertThat(auditEvents.read("[]")).isInstanceOf(AuditEvents.Read.Invalid.class);
    }
}
