package dev.asynccommerce.infra;

import static dev.asynccommerce.infra.Resources.map;
import static dev.asynccommerce.infra.Resources.ofType;
import static dev.asynccommerce.infra.Resources.props;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two work queues and the functions that consume them, through the functions' live aliases. */
class QueueConsumersTest {

    /** The properties of the one event-source mapping that reads {@code queuePrefix}. */
    private static Map<String, Object> mappingOf(String queuePrefix) {
        String queue = Resources.logicalId("AWS::SQS::Queue", queuePrefix);
        List<Map<String, Object>> mappings = ofType("AWS::Lambda::EventSourceMapping").values().stream()
                .map(Resources::props)
                .filter(m -> Resources.refersTo(m.get("EventSourceArn"), queue))
                .toList();
        assertThat(mappings).as("mappings reading " + queue).hasSize(1);
        return mappings.getFirst();
    }

    private static void assertInvokesLiveAliasOf(Map<String, Object> mapping, String functionPrefix) {
        String alias = Resources.logicalId("AWS::Lambda::Alias", functionPrefix + "Live");
        assertThat(String.valueOf(mapping.get("FunctionName"))).contains(alias).contains(":live");
    }

    @Test
    void thePaymentsQueueFeedsThePaymentConsumerInCappedConcurrentBatchesThatReportItemFailures() {
        Map<String, Object> mapping = mappingOf("MessagingPaymentsQueue");

        assertInvokesLiveAliasOf(mapping, "BopisPaymentsConsumer");
        assertThat(mapping)
                .containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"))
                .containsEntry("BatchSize", 5)
                .containsEntry("MaximumBatchingWindowInSeconds", 0);
        assertThat(map(mapping.get("ScalingConfig")))
                .containsEntry("MaximumConcurrency", BopisFunctions.PAYMENT_CONSUMER_CONCURRENCY)
                .containsEntry("MaximumConcurrency", 5);
    }

    @Test
    void thePaymentsQueueHidesAMessageSixTimesAsLongAsItsActualConsumerMayRun() {
        Map<String, Object> consumer = props(ofType("AWS::Lambda::Function")
                .get(Resources.logicalId("AWS::Lambda::Function", "BopisPaymentsConsumerFunction")));
        Map<String, Object> queue =
                props(ofType("AWS::SQS::Queue").get(Resources.logicalId("AWS::SQS::Queue", "MessagingPaymentsQueue")));

        assertThat(((Number) queue.get("VisibilityTimeout")).intValue())
                .isGreaterThanOrEqualTo(6 * ((Number) consumer.get("Timeout")).intValue());
    }

    @Test
    void theInventoryFifoQueueFeedsChannelSyncWhichReportsItemFailures() {
        Map<String, Object> mapping = mappingOf("MessagingInventoryAdjustmentsQueue");

        assertInvokesLiveAliasOf(mapping, "BopisChannelSync");
        assertThat(mapping)
                .containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"))
                .containsEntry("BatchSize", 10);
    }

    @Test
    void noOtherQueueHasAConsumer() {
        List<Object> queueSources = ofType("AWS::Lambda::EventSourceMapping").values().stream()
                .map(m -> props(m).get("EventSourceArn"))
                .filter(arn -> !String.valueOf(arn).contains("StreamArn"))
                .toList();

        assertThat(queueSources).hasSize(2);
    }
}
