package dev.asynccommerce.localstack.eventbridge;

import static dev.asynccommerce.localstack.eventbridge.EventBridgeApiTest.entry;
import static dev.asynccommerce.localstack.eventbridge.EventBridgeApiTest.lambda;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.localstack.eventbridge.delivery.DeliveryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.Target;

/** Routing to Lambda and Step Functions targets, retries on the manual timers, input shaping. */
class DeliveryTest {
    private static final String SFN = "arn:aws:states:us-east-1:000000000000:stateMachine:Bopis";

    private final RecordingTargets targets = new RecordingTargets();

    private record DeadLetter(String queueArn, String body, Map<String, String> attributes) {}

    private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    private final EventBridgeServer eb = new EventBridgeServer(b -> b.lambda(targets)
            .stepFunctions(targets)
            .deadLetterQueues((arn, body, attributes) -> deadLetters.add(new DeadLetter(arn, body, attributes))));

    @AfterEach
    void close() {
        eb.close();
    }

    private void rule(String pattern, Target... t) {
        eb.client.putRule(b -> b.name("r").eventPattern(pattern));
        eb.client.putTargets(b -> b.rule("r").targets(t));
    }

    @Test
    void aMatchingEventReachesEveryTargetInAwsEnvelope() throws Exception {
        rule(
                "{\"source\":[\"commerce.ordering\"]}",
                Target.builder().id("fn").arn(lambda("audit")).build(),
                Target.builder().id("sm").arn(SFN).build());

        String id = eb.client
                .putEvents(b -> b.entries(entry("{\"orderId\":\"o-1\"}").toBuilder()
                        .resources("arn:aws:x")
                        .build()))
                .entries()
                .get(0)
                .eventId();
        eb.settle();

        assertThat(targets.calls()).extracting(RecordingTargets.Call::arn).containsExactly(lambda("audit"), SFN);
        JsonNode event = Json.MAPPER.readTree(targets.calls().get(0).input());
        assertThat(event.toString())
                .isEqualTo("{\"version\":\"0\",\"id\":\"" + id + "\",\"detail-type\":\"OrderPlaced\","
                        + "\"source\":\"commerce.ordering\",\"account\":\"000000000000\","
                        + "\"time\":\"2026-11-21T09:00:00Z\",\"region\":\"us-east-1\","
                        + "\"resources\":[\"arn:aws:x\"],\"detail\":{\"orderId\":\"o-1\"}}");
    }

    @Test
    void anEntrysTraceHeaderReachesLambdaAndStepFunctionsTargetsButNotTheEvent() throws Exception {
        String trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        rule(
                "{\"source\":[\"commerce.ordering\"]}",
                Target.builder().id("fn").arn(lambda("start-fulfillment")).build(),
                Target.builder().id("sm").arn(SFN).build());

        eb.client.putEvents(b -> b.entries(
                entry("{\"orderId\":\"o-1\"}").toBuilder().traceHeader(trace).build()));
        eb.settle();

        assertThat(targets.calls())
                .extracting(RecordingTargets.Call::traceHeader)
                .containsExactly(trace, trace);
        assertThat(targets.calls().get(0).input()).doesNotContain("Root=");
    }

    @Test
    void theRequestsXAmznTraceIdServesEntriesWithoutTheirOwnAndAnInvalidHeaderIsDropped() {
        String request = "Root=1-5759e988-000000000000000000000001;Parent=1111111111111111;Sampled=1";
        String own = "Root=1-5759e988-000000000000000000000002;Parent=2222222222222222;Sampled=1";
        rule(
                "{\"source\":[\"commerce.ordering\"]}",
                Target.builder().id("fn").arn(lambda("audit")).build());

        eb.client.putEvents(b -> b.entries(
                        entry("{\"n\":1}"),
                        entry("{\"n\":2}").toBuilder().traceHeader(own).build(),
                        entry("{\"n\":3}").toBuilder()
                                .traceHeader("Root=garbage")
                                .build())
                .overrideConfiguration(o -> o.putHeader("X-Amzn-Trace-Id", request)));
        eb.client.putEvents(b -> b.entries(
                entry("{\"n\":4}").toBuilder().traceHeader("Root=garbage").build()));
        eb.settle();

        assertThat(targets.calls())
                .extracting(RecordingTargets.Call::traceHeader)
                .containsExactly(request, own, request, null);
    }

    /** AWS's Scheduled Event: source aws.events, the scheduled time, the rule as its one resource, no detail. */
    private static void assertScheduledEvent(String input, String time, String ruleArn) throws Exception {
        JsonNode event = Json.MAPPER.readTree(input);
        assertThat(event.get("source").asText()).isEqualTo("aws.events");
        assertThat(event.get("detail-type").asText()).isEqualTo("Scheduled Event");
        assertThat(event.get("time").asText()).isEqualTo(time);
        assertThat(event.get("resources"))
                .singleElement()
                .satisfies(r -> assertThat(r.asText()).isEqualTo(ruleArn));
        assertThat(event.get("detail").isObject() && event.get("detail").isEmpty())
                .isTrue();
    }

    @Test
    void aRateScheduleSendsAScheduledEventEveryPeriodOnTheStackClock() throws Exception {
        String arn = eb.client
                .putRule(b -> b.name("tick").scheduleExpression("rate(5 minutes)"))
                .ruleArn();
        eb.client.putTargets(b -> b.rule("tick")
                .targets(Target.builder().id("fn").arn(lambda("sweeper")).build()));

        eb.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(targets.calls()).isEmpty();
        eb.advance(Duration.ofSeconds(1));
        assertThat(targets.calls()).hasSize(1);
        assertScheduledEvent(targets.calls().get(0).input(), "2026-11-21T09:05:00Z", arn);

        eb.advance(Duration.ofMinutes(10));
        assertThat(targets.calls()).hasSize(3);

        eb.client.disableRule(b -> b.name("tick"));
        eb.advance(Duration.ofMinutes(5));
        assertThat(targets.calls()).as("a disabled schedule sends nothing").hasSize(3);

        eb.client.putRule(b -> b.name("tick").scheduleExpression("rate(1 hour)"));
        eb.advance(Duration.ofMinutes(59));
        assertThat(targets.calls())
                .as("the replaced 5-minute schedule has stopped")
                .hasSize(3);
        eb.advance(Duration.ofMinutes(1));
        assertThat(targets.calls()).hasSize(4);
    }

    @Test
    void aCronScheduleSendsAScheduledEventAtEachMinuteItSelectsOnTheStackClock() throws Exception {
        // The clock starts on Saturday 2026-11-21 at 09:00 UTC.
        String arn = eb.client
                .putRule(b -> b.name("noon").scheduleExpression("cron(0 12 * * ? *)"))
                .ruleArn();
        eb.client.putTargets(b -> b.rule("noon")
                .targets(Target.builder().id("fn").arn(lambda("daily-report")).build()));

        eb.advance(Duration.ofHours(3).minusSeconds(1));
        assertThat(targets.calls()).isEmpty();
        eb.advance(Duration.ofSeconds(1));
        assertThat(targets.calls()).hasSize(1);
        assertScheduledEvent(targets.calls().get(0).input(), "2026-11-21T12:00:00Z", arn);

        eb.advance(Duration.ofDays(1));
        assertThat(times()).as("a day on, it has fired once more").hasSize(2);

        eb.advance(Duration.ofDays(3));
        assertThat(times())
                .as("a jump over three noons fires each of them, in order, with its own time")
                .containsExactly(
                        "2026-11-21T12:00:00Z",
                        "2026-11-22T12:00:00Z",
                        "2026-11-23T12:00:00Z",
                        "2026-11-24T12:00:00Z",
                        "2026-11-25T12:00:00Z");
    }

    @Test
    void aDisabledCronSkipsItsRunsAndEnablingItDoesNotMakeThemUp() {
        eb.client.putRule(b -> b.name("weekdays").scheduleExpression("cron(30 8 ? * MON-FRI *)"));
        eb.client.putTargets(b -> b.rule("weekdays")
                .targets(Target.builder().id("fn").arn(lambda("open-stores")).build()));

        eb.advance(Duration.ofHours(47)); // to Monday 08:00: nothing at the weekend
        assertThat(times()).isEmpty();
        eb.advance(Duration.ofHours(1));
        assertThat(times()).containsExactly("2026-11-23T08:30:00Z");

        eb.client.disableRule(b -> b.name("weekdays"));
        eb.advance(Duration.ofDays(2));
        eb.client.enableRule(b -> b.name("weekdays"));
        eb.settle();
        assertThat(times()).as("Tuesday and Wednesday were skipped").hasSize(1);

        eb.advance(Duration.ofDays(1));
        assertThat(times()).containsExactly("2026-11-23T08:30:00Z", "2026-11-26T08:30:00Z");

        eb.client.putRule(b -> b.name("weekdays").scheduleExpression("cron(0 0 1 * ? *)"));
        eb.advance(Duration.ofDays(3));
        assertThat(times())
                .as("the replaced weekday schedule has stopped; the monthly one has not come due")
                .hasSize(2);
        eb.advance(Duration.ofDays(2));
        assertThat(times()).hasSize(3).endsWith("2026-12-01T00:00:00Z");
    }

    @Test
    void aCronRuleIsDescribedWithItsExpression() {
        String expression = "cron(0 10 ? * 6L 2026-2030)";
        eb.client.putRule(b -> b.name("last-friday").scheduleExpression(expression));

        assertThat(eb.client.describeRule(b -> b.name("last-friday")).scheduleExpression())
                .isEqualTo(expression);
        assertThat(eb.client.listRules(b -> b.namePrefix("last-friday")).rules())
                .singleElement()
                .satisfies(r -> assertThat(r.scheduleExpression()).isEqualTo(expression));
    }

    /** The {@code time} of each event the targets received, in order. */
    private List<String> times() {
        return targets.calls().stream()
                .map(c -> {
                    try {
                        return Json.MAPPER.readTree(c.input()).get("time").asText();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .toList();
    }

    @Test
    void scheduleExpressionsAreRefusedAsAwsRefusesThem() {
        for (String bad : List.of(
                "rate(1 minutes)",
                "rate(5 minute)",
                "rate(0 minutes)",
                "rate(5 weeks)",
                "every 5 minutes",
                "cron(0 12 * * ?)",
                "cron(0 12 * * * *)",
                "cron(0 12 ? * ? *)",
                "cron(*/60 * * * ? *)",
                "cron(0 0 ? * 3#1,6#3 *)",
                "cron(0 0 32 * ? *)")) {
            assertThatThrownBy(() -> eb.client.putRule(b -> b.name("bad").scheduleExpression(bad)))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            EventBridgeException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"))
                    .hasMessageContaining("Parameter ScheduleExpression is not valid.");
        }
        assertThat(eb.client.listRules(b -> b.namePrefix("bad")).rules()).isEmpty();
    }

    @Test
    void disabledRulesAndNonMatchingEventsDeliverNothing() {
        rule(
                "{\"source\":[\"commerce.payments\"]}",
                Target.builder().id("fn").arn(lambda("f")).build());
        eb.client.putRule(b -> b.name("off")
                .eventPattern("{\"source\":[\"commerce.ordering\"]}")
                .state("DISABLED"));
        eb.client.putTargets(b ->
                b.rule("off").targets(Target.builder().id("fn").arn(lambda("g")).build()));

        eb.client.putEvents(b -> b.entries(entry("{}")));
        eb.settle();

        assertThat(targets.attempts).hasValue(0);
    }

    @Test
    void eventTimeIsTheEntrysTimeAtSecondsPrecision() throws Exception {
        rule(
                "{\"source\":[\"commerce.ordering\"]}",
                Target.builder().id("fn").arn(lambda("f")).build());

        eb.client.putEvents(b -> b.entries(entry("{}").toBuilder()
                .time(java.time.Instant.parse("2026-01-02T03:04:05.678Z"))
                .build()));
        eb.settle();

        assertThat(Json.MAPPER
                        .readTree(targets.calls().get(0).input())
                        .get("time")
                        .asText())
                .isEqualTo("2026-01-02T03:04:05Z");
    }

    @Test
    void aThrottledTargetIsRetriedWithBackoffOnTheTimers() {
        rule(
                "{\"source\":[\"commerce.ordering\"]}",
                Target.builder().id("fn").arn(lambda("f")).build());
        targets.failures.set(3);

        eb.client.putEvents(b -> b.entries(entry("{}")));
        eb.settle();
        assertThat(targets.attempts).hasValue(1);

        // Backoff 1 s, 2 s, 4 s: nothing more happens before each is due.
        eb.advance(Duration.ofMillis(999));
        assertThat(targets.attempts).hasValue(1);
        eb.advance(Duration.ofMillis(1));
        assertThat(targets.attempts).hasValue(2);
        eb.advance(Duration.ofSeconds(6));
        assertThat(targets.attempts).hasValue(4);
        assertThat(targets.calls()).hasSize(1);
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void retriesStopAtMaximumRetryAttemptsAndTheEventGoesToTheDlq() {
        rule(
                "{\"source\":[\"commerce.ordering\"]}",
                Target.builder()
                        .id("fn")
                        .arn(lambda("f"))
                        .retryPolicy(p -> p.maximumRetryAttempts(2))
                        .deadLetterConfig(d -> d.arn("arn:aws:sqs:us-east-1:000000000000:dlq"))
                        .build());
        targets.failures.set(100);

        eb.client.putEvents(b -> b.entries(entry("{\"orderId\":\"o-9\"}")));
        eb.advance(Duration.ofHours(1));

        assertThat(targets.attempts).hasValue(3);
        assertThat(deadLetters).hasSize(1);
        DeadLetter dead = deadLetters.get(0);
        assertThat(dead.queueArn()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:dlq");
        assertThat(dead.body()).contains("\"orderId\":\"o-9\"");
        assertThat(dead.attributes())
                .containsEntry("ERROR_CODE", "THROTTLING")
                .containsEntry("EXHAUSTED_RETRY_CONDITION", "MaximumRetryAttempts")
                .containsEntry("RETRY_ATTEMPTS", "2");
    }

    @Test
    void withoutADlqAnExhaustedEventIsDropped() {
        rule(
                "{\"source\":[\"commerce.ordering\"]}",
                Target.builder()
                        .id("fn")
                        .arn(lambda("f"))
                        .retryPolicy(p -> p.maximumRetryAttempts(1))
                        .build());
        targets.failures.set(100);

        eb.client.putEvents(b -> b.entries(entry("{}")));
        eb.advance(Duration.ofHours(1));

        assertThat(targets.attempts).hasValue(2);
        assertThat(eb.timers.pending()).isZero();
    }

    @Test
    void retriesStopAtMaximumEventAge() {
        rule(
                "{\"source\":[\"commerce.ordering\"]}",
                Target.builder()
                        .id("fn")
                        .arn(lambda("f"))
                        .retryPolicy(p -> p.maximumEventAgeInSeconds(60))
                        .deadLetterConfig(d -> d.arn("arn:aws:sqs:us-east-1:000000000000:dlq"))
                        .build());
        targets.failures.set(100);

        eb.client.putEvents(b -> b.entries(entry("{}")));
        eb.advance(Duration.ofHours(1));

        // Retries at 1, 3, 7, 15, 31 s; the next (63 s) would be past the 60 s age.
        assertThat(targets.attempts).hasValue(6);
        assertThat(deadLetters.get(0).attributes())
                .containsEntry("EXHAUSTED_RETRY_CONDITION", "MaximumEventAgeInSeconds")
                .containsEntry("RETRY_ATTEMPTS", "5");
    }

    @Test
    void theDefaultPolicyGivesUpWithin24Hours() {
        rule(
                "{\"source\":[\"commerce.ordering\"]}",
                Target.builder()
                        .id("fn")
                        .arn(lambda("f"))
                        .deadLetterConfig(d -> d.arn("arn:aws:sqs:us-east-1:000000000000:dlq"))
                        .build());
        targets.failures.set(1_000);

        eb.client.putEvents(b -> b.entries(entry("{}")));
        eb.advance(Duration.ofHours(25));

        // 1 + 185 attempts: the backoff (1 s doubling, capped at 5 min) spends them in about 15 h,
        // inside MaximumEventAgeInSeconds = 86400.
        assertThat(targets.attempts).hasValue(186);
        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.get(0).attributes()).containsEntry("RETRY_ATTEMPTS", "185");
        assertThat(eb.timers.pending()).isZero();
    }

    @Test
    void aPermanentFailureSkipsTheRetries() {
        EventBridgeServer other = new EventBridgeServer(b -> b.lambda((arn, payload) -> {
                    throw DeliveryException.permanent("NO_RESOURCE", "Function not found: " + arn);
                })
                .deadLetterQueues((arn, body, attributes) -> deadLetters.add(new DeadLetter(arn, body, attributes))));
        try (other) {
            other.client.putRule(b -> b.name("r").eventPattern("{\"source\":[\"commerce.ordering\"]}"));
            other.client.putTargets(b -> b.rule("r")
                    .targets(Target.builder()
                            .id("fn")
                            .arn(lambda("gone"))
                            .deadLetterConfig(d -> d.arn("arn:aws:sqs:us-east-1:000000000000:dlq"))
                            .build()));

            other.client.putEvents(b -> b.entries(entry("{}")));
            other.settle();

            assertThat(deadLetters).hasSize(1);
            assertThat(deadLetters.get(0).attributes())
                    .containsEntry("ERROR_CODE", "NO_RESOURCE")
                    .containsEntry("RETRY_ATTEMPTS", "0")
                    .doesNotContainKey("EXHAUSTED_RETRY_CONDITION");
            assertThat(other.timers.pending()).isZero();
        }
    }

    @Test
    void inputAndInputPathShapeWhatTheTargetReceives() {
        rule(
                "{\"source\":[\"commerce.ordering\"]}",
                Target.builder()
                        .id("const")
                        .arn(lambda("a"))
                        .input("{\"fixed\":true}")
                        .build(),
                Target.builder()
                        .id("path")
                        .arn(lambda("b"))
                        .inputPath("$.detail")
                        .build(),
                Target.builder()
                        .id("scalar")
                        .arn(lambda("c"))
                        .inputPath("$.detail.orderId")
                        .build());

        eb.client.putEvents(b -> b.entries(entry("{\"orderId\":\"o-1\",\"n\":2}")));
        eb.settle();

        assertThat(targets.calls())
                .extracting(RecordingTargets.Call::input)
                .containsExactly("{\"fixed\":true}", "{\"orderId\":\"o-1\",\"n\":2}", "\"o-1\"");
    }

    @Test
    void anEventBusTargetForwardsTheEventToThatBussRules() {
        eb.client.createEventBus(b -> b.name("stores"));
        eb.client.putRule(b -> b.name("fwd").eventPattern("{\"source\":[\"commerce.ordering\"]}"));
        eb.client.putTargets(b -> b.rule("fwd")
                .targets(Target.builder()
                        .id("bus")
                        .arn("arn:aws:events:us-east-1:000000000000:event-bus/stores")
                        .build()));
        eb.client.putRule(b -> b.name("r").eventBusName("stores").eventPattern("{\"detail-type\":[\"OrderPlaced\"]}"));
        eb.client.putTargets(b -> b.rule("r")
                .eventBusName("stores")
                .targets(Target.builder().id("fn").arn(lambda("notifier")).build()));

        eb.client.putEvents(b -> b.entries(entry("{}")));
        eb.settle();

        assertThat(targets.calls()).extracting(RecordingTargets.Call::arn).containsExactly(lambda("notifier"));
    }
}
