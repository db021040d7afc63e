package dev.asynccommerce.infra;

import static dev.asynccommerce.infra.Resources.list;
import static dev.asynccommerce.infra.Resources.map;
import static dev.asynccommerce.infra.Resources.ofType;
import static dev.asynccommerce.infra.Resources.props;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every function a rule invokes asynchronously keeps what Lambda gives up on: a bounded retry and
 * event age on the invoked alias, then its own failure queue, which it may send to and which alarms.
 */
class AsyncFailureDestinationsTest {

    private static Map<String, Map<String, Object>> configs() {
        return ofType("AWS::Lambda::EventInvokeConfig");
    }

    /** The aliases rules target, as the prefixes of their logical ids. */
    private static List<String> aliasesRulesInvoke() {
        return ofType("AWS::Events::Rule").values().stream()
                .flatMap(rule -> list(props(rule).get("Targets")).stream())
                .map(target -> String.valueOf(map(target).get("Arn")))
                .flatMap(arn -> ofType("AWS::Lambda::Alias").keySet().stream().filter(arn::contains))
                .toList();
    }

    private static Map<String, Object> configOf(String functionPrefix) {
        String function = Resources.logicalId("AWS::Lambda::Function", functionPrefix + "Function");
        String alias = Resources.logicalId("AWS::Lambda::Alias", functionPrefix + "Live");
        List<Map<String, Object>> found = configs().values().stream()
                .map(Resources::props)
                .filter(c -> Resources.refersTo(c.get("FunctionName"), function))
                .toList();
        assertThat(found).as(functionPrefix).hasSize(1);
        // The alias EventBridge invokes, not $LATEST: a configuration applies to its qualifier only.
        assertThat(String.valueOf(found.getFirst().get("Qualifier")))
                .as(functionPrefix)
                .contains(alias);
        return found.getFirst();
    }

    @Test
    void theFunctionsRulesInvokeAreExactlyTheOnesWithAFailureDestination() {
        assertThat(aliasesRulesInvoke())
                .hasSize(Topology.RULES_INVOKING_FUNCTIONS)
                .allSatisfy(alias -> assertThat(Topology.ASYNC_INVOKED_FUNCTIONS)
                        .anySatisfy(fn -> assertThat(alias).startsWith(fn + "Live")));
        assertThat(configs()).hasSize(Topology.ASYNC_INVOKED_FUNCTIONS.size());
    }

    @Test
    void eachRetriesTwiceWithinAnHourThenSendsTheEventToItsOwnFailureQueue() {
        for (String fn : Topology.ASYNC_INVOKED_FUNCTIONS) {
            Map<String, Object> config = configOf(fn);
            String queue = Resources.logicalId("AWS::SQS::Queue", fn + "AsyncFailureQueue");

            assertThat(config)
                    .as(fn)
                    .containsEntry("MaximumRetryAttempts", ServiceFunction.ASYNC_RETRY_ATTEMPTS)
                    .containsEntry("MaximumRetryAttempts", 2)
                    .containsEntry("MaximumEventAgeInSeconds", 3600);
            Map<String, Object> destinations = map(config.get("DestinationConfig"));
            assertThat(Resources.refersTo(map(destinations.get("OnFailure")).get("Destination"), queue))
                    .as(fn)
                    .isTrue();
            assertThat(destinations).as(fn).doesNotContainKey("OnSuccess");
        }
    }

    @Test
    void eachFunctionMaySendToItsFailureQueueOnly() {
        for (String fn : Topology.ASYNC_INVOKED_FUNCTIONS) {
            String role = Resources.logicalId("AWS::IAM::Role", fn + "FunctionServiceRole");
            String own = Resources.logicalId("AWS::SQS::Queue", fn + "AsyncFailureQueue");

            assertThat(Policies.actionsOn(role, own)).as(fn).contains("sqs:SendMessage");
            for (String other : ofType("AWS::SQS::Queue").keySet()) {
                if (!other.equals(own)) {
                    assertThat(Policies.actionsOn(role, other))
                            .as(fn + " on " + other)
                            .doesNotContain("sqs:SendMessage");
                }
            }
        }
    }

    @Test
    void eachFailureQueueKeepsWhatLandsForTwoWeeksAndAlarms() {
        List<Map<String, Object>> alarms = ofType("AWS::CloudWatch::Alarm").values().stream()
                .map(Resources::props)
                .toList();
        for (String fn : Topology.ASYNC_INVOKED_FUNCTIONS) {
            String queue = Resources.logicalId("AWS::SQS::Queue", fn + "AsyncFailureQueue");

            assertThat(props(ofType("AWS::SQS::Queue").get(queue)))
                    .containsEntry("MessageRetentionPeriod", 14 * 24 * 3600)
                    .containsEntry("SqsManagedSseEnabled", true);
            assertThat(alarms).as(queue).anySatisfy(a -> {
                assertThat(a).containsEntry("MetricName", "ApproximateNumberOfMessagesVisible");
                assertThat(String.valueOf(a.get("Dimensions"))).contains(queue);
            });
        }
    }
}
