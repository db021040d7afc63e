package dev.asynccommerce.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The documents CloudWatch Logs extracts metrics from, as the EMF specification shapes them. */
class EmfMetricsTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:15:30.250Z");

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final EmfMetrics metrics = new EmfMetrics(
            "AsyncCommerce", new PrintStream(written, true, StandardCharsets.UTF_8), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aCountIsOneDocumentOnOneLineWithItsDirectiveAndValues() throws Exception {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("orderId", "ord_1");
        properties.put("correlationId", null);
        metrics.count(List.of("OrdersPlaced", "PaymentsAuthorized"), properties);

        List<String> lines = written.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode document = new ObjectMapper().readTree(lines.getFirst());
        JsonNode aws = document.get("_aws");
        assertThat(aws.get("Timestamp").asLong()).isEqualTo(NOW.toEpochMilli());
        JsonNode directive = aws.get("CloudWatchMetrics").get(0);
        assertThat(directive.get("Namespace").asText()).isEqualTo("AsyncCommerce");
        assertThat(directive.get("Dimensions").toString()).isEqualTo("[[]]");
        assertThat(directive.get("Metrics").toString())
                .isEqualTo("[{\"Name\":\"OrdersPlaced\",\"Unit\":\"Count\"},"
                        + "{\"Name\":\"PaymentsAuthorized\",\"Unit\":\"Count\"}]");
        assertThat(document.get("OrdersPlaced").asInt()).isEqualTo(1);
        assertThat(document.get("PaymentsAuthorized").asInt()).isEqualTo(1);
        assertThat(document.get("orderId").asText()).isEqualTo("ord_1");
        assertThat(document.has("correlationId"))
                .as("null properties are left out")
                .isFalse();
    }

    @Test
    void nothingIsWrittenForNoMetrics() {
        metrics.count(List.of(), Map.of("orderId", "ord_1"));

        assertThat(written.size()).isZero();
    }

    @Test
    void aPropertyCannotOverwriteAMetricValue() throws Exception {
        metrics.count(List.of("OrdersPlaced"), Map.of("OrdersPlaced", "many"));

        JsonNode document = new ObjectMapper().readTree(written.toString(StandardCharsets.UTF_8));
        assertThat(document.get("OrdersPlaced").isNumber()).isTrue();
    }

    @Test
    void namesCloudWatchWouldRefuseAreProgrammingErrors() {
        assertThatThrownBy(() -> metrics.count(List.of("orders placed"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EmfMetrics(" ", System.out, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(written.size()).isZero();
    }
}
