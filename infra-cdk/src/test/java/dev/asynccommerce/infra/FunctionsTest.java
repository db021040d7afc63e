package dev.asynccommerce.infra;

import static dev.asynccommerce.infra.Resources.map;
import static dev.asynccommerce.infra.Resources.ofType;
import static dev.asynccommerce.infra.Resources.props;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every handler is its own Java 25 function, alike in what the issue asks of all of them. */
class FunctionsTest {
    private static Map<String, Map<String, Object>> functions() {
        return ofType("AWS::Lambda::Function");
    }

    @Test
    void oneFunctionPerHandler() {
        assertThat(functions().values().stream().map(f -> props(f).get("Handler")))
                .containsExactlyInAnyOrderElementsOf(Topology.HANDLERS);
    }

    @Test
    void everyFunctionIsJava25OnArmWithSnapStartTracingAndItsOwnLogs() {
        Map<String, Map<String, Object>> logGroups = ofType("AWS::Logs::LogGroup");
        functions().forEach((id, fn) -> {
            Map<String, Object> p = props(fn);
            assertThat(p.get("Runtime")).as(id).isEqualTo("java25");
            assertThat(p.get("Architectures")).as(id).isEqualTo(List.of("arm64"));
            assertThat(map(p.get("SnapStart")).get("ApplyOn")).as(id).isEqualTo("PublishedVersions");
            assertThat(map(p.get("TracingConfig")).get("Mode")).as(id).isEqualTo("Active");
            String logGroup = String.valueOf(map(map(p.get("LoggingConfig")).get("LogGroup")));
            String logGroupId = logGroups.keySet().stream()
                    .filter(logGroup::contains)
                    .findFirst()
                    .orElseThrow();
            assertThat(props(logGroups.get(logGroupId)).get("RetentionInDays"))
                    .as(id)
                    .isEqualTo(30);
            assertThat(map(p.get("Code"))).as(id).containsKeys("S3Bucket", "S3Key");
        });
    }

    @Test
    void everyFunctionCarriesPowertoolsSettingsAndAMemoryAndTimeoutOfItsOwn() {
        functions().forEach((id, fn) -> {
            Map<String, Object> env = map(map(props(fn).get("Environment")).get("Variables"));
            assertThat(env)
                    .as(id)
                    .containsKeys("POWERTOOLS_SERVICE_NAME", "POWERTOOLS_METRICS_NAMESPACE", "POWERTOOLS_LOG_LEVEL");
            assertThat(env.get("POWERTOOLS_METRICS_NAMESPACE")).isEqualTo(ServiceFunction.METRICS_NAMESPACE);
            assertThat(props(fn)).as(id).containsKeys("MemorySize", "Timeout");
        });
        Map<String, Object> relay = props(functions().get(Resources.logicalId("AWS::Lambda::Function", "OutboxRelay")));
        assertThat(relay.get("Timeout")).isEqualTo(60);
        assertThat(map(map(relay.get("Environment")).get("Variables"))
                        .get("EVENT_BUS_NAME")
                        .toString())
                .contains("MessagingBus");
    }

    @Test
    void everyFunctionIsPublishedBehindTheLiveAliasAndCalledThroughIt() {
        Map<String, Map<String, Object>> aliases = ofType("AWS::Lambda::Alias");
        assertThat(aliases).hasSize(functions().size());
        aliases.values().forEach(alias -> assertThat(props(alias).get("Name")).isEqualTo("live"));

        ofType("AWS::Lambda::EventSourceMapping")
                .values()
                .forEach(mapping -> assertThat(String.valueOf(props(mapping).get("FunctionName")))
                        .contains("Live")
                        .contains(":live"));
        ofType("AWS::ApiGatewayV2::Integration")
                .values()
                .forEach(integration -> assertThat(
                                String.valueOf(props(integration).get("IntegrationUri")))
                        .contains("Live"));
    }

    @Test
    void eachOutboxStreamFeedsTheRelayWithBisectBoundedRetriesPartialFailuresAndAFailureDestination() {
        Map<String, Map<String, Object>> mappings = new HashMap<>(ofType("AWS::Lambda::EventSourceMapping"));
        mappings.values()
                .removeIf(m -> String.valueOf(props(m).get("EventSourceArn")).contains("Queue"));
        String failures = Resources.logicalId("AWS::SQS::Queue", "MessagingRelayFailureQueue");

        assertThat(mappings).hasSize(5);
        for (String table : List.of(
                "TablesOrders", "TablesInventory", "TablesPayments", "TablesFulfillment", "TablesNotifications")) {
            assertThat(mappings.values())
                    .anySatisfy(m -> assertThat(String.valueOf(props(m).get("EventSourceArn")))
                            .contains(table));
        }
        mappings.values().forEach(m -> {
            Map<String, Object> p = props(m);
            assertThat(p)
                    .containsEntry("BisectBatchOnFunctionError", true)
                    .containsEntry("MaximumRetryAttempts", OutboxPublishing.RETRY_ATTEMPTS)
                    .containsEntry("StartingPosition", "TRIM_HORIZON")
                    .containsEntry("ParallelizationFactor", 1)
                    .containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"));
            assertThat(Resources.refersTo(
                            map(map(p.get("DestinationConfig")).get("OnFailure"))
                                    .get("Destination"),
                            failures))
                    .isTrue();
        });
    }

    @Test
    void theRelayMayPutEventsOnTheDomainBusOnly() {
        String relayRole = Resources.logicalId("AWS::IAM::Role", "OutboxRelayFunctionServiceRole");
        List<Map<String, Object>> statements = Policies.statementsOf(relayRole);

        assertThat(statements).anySatisfy(s -> {
            assertThat(s.get("Action")).isEqualTo("events:PutEvents");
            assertThat(Resources.refersTo(s.get("Resource"), "MessagingBus")).isTrue();
        });
        assertThat(statements)
                .noneSatisfy(s -> assertThat(String.valueOf(s.get("Action"))).contains("dynamodb:PutItem"));
    }
}
