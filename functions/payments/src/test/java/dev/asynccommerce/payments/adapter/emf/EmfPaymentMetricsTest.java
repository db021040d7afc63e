package dev.asynccommerce.payments.adapter.emf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.platform.metrics.EmfMetrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** A fallback is one PaymentFallbacks count the dashboard reads, with the order's ids only. */
class EmfPaymentMetricsTest {
    @Test
    void aFallbackIsOneCountNamedAsTheDashboardReadsIt() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new EmfPaymentMetrics(new EmfMetrics(
                        "AsyncCommerce", new PrintStream(out, true, StandardCharsets.UTF_8), Clock.systemUTC()))
                .fallbackAuthorized(new OrderId("ord_01jdq8r5w3k7m2n9p4t6v8x0zb"), "req-1");

        JsonNode document = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(document.at("/_aws/CloudWatchMetrics/0/Metrics/0/Name").asText())
                .isEqualTo("PaymentFallbacks");
        assertThat(document.path("PaymentFallbacks").asInt()).isEqualTo(1);
        assertThat(document.path("orderId").asText()).isEqualTo("ord_01jdq8r5w3k7m2n9p4t6v8x0zb");
        assertThat(document.path("correlationId").asText()).isEqualTo("req-1");
    }
}
