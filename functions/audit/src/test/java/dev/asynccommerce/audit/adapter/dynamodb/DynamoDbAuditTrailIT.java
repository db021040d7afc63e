package dev.asynccommerce.audit.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.audit.domain.AuditedEvent;
import dev.asynccommerce.testkit.DynamoDbLocal;
import dev.asynccommerce.testkit.TestTable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** The EventAudit table on DynamoDB Local: real conditional puts, real key order. */
class DynamoDbAuditTrailIT {
    private static final DynamoDbLocal LOCAL = DynamoDbLocal.shared();
    private static final DynamoDbClient DYNAMO = LOCAL.client();
    private static final String ORDER = "ord_01jdq8r5w3k7m2n9p4t6v8x0zb";

    private String table;
    private DynamoDbAuditTrail trail;

    @AfterAll
    static void closeClient() {
        DYNAMO.close();
    }

    @BeforeEach
    void createTable() {
        table = TestTable.named("audit").withSortKey("sk").create(DYNAMO);
        trail = new DynamoDbAuditTrail(DYNAMO, table);
    }

    private static AuditedEvent event(String eventId, String type, long sequence, String occurredAt) {
        return new AuditedEvent(
                eventId,
                "commerce.ordering",
                type,
                ORDER,
                sequence,
                Instant.parse(occurredAt),
                "req-1",
                "cause-" + eventId,
                "{\"metadata\":{},\"data\":{}}");
    }

    @Test
    void anEventIsKeptOnceHoweverOftenItComes() {
        AuditedEvent placed = event("e-1", "OrderPlaced", 1, "2026-11-21T09:00:00Z");

        assertThat(trail.keepOnce(placed)).isTrue();
        assertThat(trail.keepOnce(placed)).isFalse();

        assertThat(DYNAMO.scan(ScanRequest.builder().tableName(table).build()).count())
                .isEqualTo(1);
        assertThat(trail.timeline(ORDER)).containsExactly(placed);
    }

    @Test
    void theTimelineIsInTheOrderThingsHappenedEvenAcrossSubSecondTimes() {
        // Instant.toString drops trailing zeros ("...00Z" vs "...00.250Z"), which would sort wrongly as text.
        AuditedEvent collected = event("e-4", "OrderCollected", 4, "2026-11-21T10:00:01Z");
        AuditedEvent confirmed = event("e-2", "OrderConfirmed", 2, "2026-11-21T10:00:00.250Z");
        AuditedEvent placed = event("e-1", "OrderPlaced", 1, "2026-11-21T10:00:00Z");
        AuditedEvent picking = event("e-3", "OrderPickingStarted", 3, "2026-11-21T10:00:00.250Z");
        for (AuditedEvent e : List.of(collected, picking, placed, confirmed)) {
            trail.keepOnce(e);
        }

        assertThat(trail.timeline(ORDER)).containsExactly(placed, confirmed, picking, collected);
        assertThat(trail.timeline("ord_another")).isEmpty();
    }

    @Test
    void itemsExpireARetentionAfterTheEvent() {
        trail.keepOnce(event("e-1", "OrderPlaced", 1, "2026-11-21T09:00:00Z"));

        Map<String, AttributeValue> item = DYNAMO.scan(
                        ScanRequest.builder().tableName(table).build())
                .items()
                .getFirst();
        assertThat(Long.parseLong(item.get("expiresAt").n()))
                .isEqualTo(Instant.parse("2026-11-21T09:00:00Z")
                        .plus(DynamoDbAuditTrail.RETENTION)
                        .getEpochSecond());
    }

    @Test
    void aPickupCodeIsMaskedBeforeItIsKept() {
        AuditedEvent ready = new AuditedEvent(
                "e-9",
                "commerce.ordering",
                "OrderReadyForPickup",
                ORDER,
                4,
                Instant.parse("2026-11-21T09:00:00Z"),
                "req-1",
                "cause-9",
                "{\"metadata\":{},\"data\":{\"orderId\":\"" + ORDER + "\",\"pickupCode\":\"048213\"}}");

        trail.keepOnce(ready);

        String kept = trail.timeline(ORDER).getFirst().detailJson();
        assertThat(kept)
                .doesNotContain("048213")
                .contains("\"pickupCode\":\"******\"")
                .contains(ORDER);
    }
}
