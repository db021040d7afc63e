package dev.asynccommerce.infra;

import static dev.asynccommerce.infra.Resources.ofType;
import static dev.asynccommerce.infra.Resources.props;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An alarm for everything stuck or lost, all to one topic, and the domain dashboard. */
class MonitoringTest {
    private static List<Map<String, Object>> alarms() {
        return ofType("AWS::CloudWatch::Alarm").values().stream()
                .map(Resources::props)
                .toList();
    }

    private static List<Map<String, Object>> alarmsOn(String metric) {
        return alarms().stream().filter(a -> metric.equals(a.get("MetricName"))).toList();
    }

    @Test
    void everyDeadLetterQueueAlarmsWhenAnythingLandsInIt() {
        List<String> dlqs = ofType("AWS::SQS::Queue").keySet().stream()
                .filter(id -> id.matches(".*(FailureQueue|Dlq).*"))
                .toList();

        // Those of the messaging backbone, one per rule that invokes a function, and one failure
        // destination per function invoked asynchronously.
        assertThat(dlqs).hasSize(Topology.DEAD_LETTER_QUEUES);
        for (String dlq : dlqs) {
            assertThat(alarmsOn("ApproximateNumberOfMessagesVisible")).as(dlq).anySatisfy(a -> {
                assertThat(String.valueOf(a.get("Dimensions"))).contains(dlq);
                assertThat(a).containsEntry("Threshold", 0).containsEntry("ComparisonOperator", "GreaterThanThreshold");
            });
        }
    }

    @Test
    void workQueuesAlarmOnOldMessagesAndTheRelayOnIteratorAge() {
        assertThat(alarmsOn("ApproximateAgeOfOldestMessage")).hasSize(2);
        assertThat(alarmsOn("IteratorAge"))
                .singleElement()
                .satisfies(a -> assertThat(String.valueOf(a.get("Dimensions"))).contains("OutboxRelay"));
    }

    @Test
    void failedAndTimedOutExecutionsOfEveryStateMachineAlarm() {
        List<String> machines =
                List.copyOf(ofType("AWS::StepFunctions::StateMachine").keySet());

        assertThat(machines).isNotEmpty();
        for (String metric : List.of("ExecutionsFailed", "ExecutionsTimedOut")) {
            assertThat(alarmsOn(metric)).as(metric).hasSameSizeAs(machines);
            for (String machine : machines) {
                assertThat(alarmsOn(metric)).as(metric + " of " + machine).anySatisfy(a -> {
                    assertThat(a)
                            .containsEntry("Namespace", "AWS/States")
                            .containsEntry("Statistic", "Sum")
                            .containsEntry("Threshold", 0)
                            .containsEntry("ComparisonOperator", "GreaterThanThreshold");
                    assertThat(String.valueOf(a.get("Dimensions")))
                            .contains("StateMachineArn")
                            .contains(machine);
                });
            }
        }
    }

    @Test
    void apiServerErrorsAndFailedRuleDeliveriesAlarm() {
        assertThat(alarmsOn("5xx")).hasSize(1);
        assertThat(alarmsOn("FailedInvocations"))
                .hasSize(ofType("AWS::Events::Rule").size());
    }

    @Test
    void failedIntegrationCallsOfTheStoreDevicesWebSocketApiAlarm() {
        String socketApi = Resources.logicalId("AWS::ApiGatewayV2::Api", "StoreSocketApi");

        assertThat(alarmsOn("ExecutionError")).singleElement().satisfies(a -> {
            assertThat(a)
                    .containsEntry("Namespace", "AWS/ApiGateway")
                    .containsEntry("Statistic", "Sum")
                    .containsEntry("ComparisonOperator", "GreaterThanThreshold");
            assertThat(String.valueOf(a.get("Dimensions"))).contains("ApiId").contains(socketApi);
        });
        // A refused staff token is a 4xx the integration answers, not a failure of the API.
        assertThat(alarmsOn("IntegrationError")).isEmpty();
    }

    @Test
    void everyAlarmNotifiesTheOneAlertsTopic() {
        String topic = Resources.logicalId("AWS::SNS::Topic", "MonitoringAlerts");
        alarms().forEach(a -> assertThat(String.valueOf(a.get("AlarmActions"))).contains(topic));
        assertThat(props(ofType("AWS::SNS::Topic").get(topic))).containsKey("KmsMasterKeyId");
    }

    @Test
    void theDashboardShowsTheFunnelPaymentsExpiriesAndQueues() {
        String body = String.valueOf(
                props(ofType("AWS::CloudWatch::Dashboard").values().iterator().next())
                        .get("DashboardBody"));

        for (String metric : Monitoring.FUNNEL) {
            assertThat(body).contains(metric);
        }
        assertThat(body)
                .contains(
                        Monitoring.PAYMENTS_AUTHORIZED,
                        Monitoring.PAYMENT_FALLBACKS,
                        Monitoring.ORDERS_EXPIRED,
                        "ApproximateNumberOfMessagesVisible",
                        "ApproximateAgeOfOldestMessage",
                        "approval rate",
                        "fallback rate");
    }
}
