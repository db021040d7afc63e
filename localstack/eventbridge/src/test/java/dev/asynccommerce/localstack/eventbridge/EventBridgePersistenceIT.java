package dev.asynccommerce.localstack.eventbridge;

import static dev.asynccommerce.localstack.eventbridge.EventBridgeApiTest.entry;
import static dev.asynccommerce.localstack.eventbridge.EventBridgeApiTest.lambda;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.ReplayState;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * EventBridge across a restart of the local stack: one engine saves its state, a NEW engine (the
 * restarted stack, its clock moved on) gets the template's resources from the "deployment" through
 * the API, restores, and is then used through the SDK. The state goes through its JSON text, as
 * through the stack's file. SQS targets are ElasticMQ embedded in the test JVM.
 */
class EventBridgePersistenceIT {
    private static final String BUS = "arn:aws:events:us-east-1:000000000000:event-bus/default";
    private static final String PATTERN = "{\"source\":[\"commerce.ordering\"]}";
    private static EmbeddedQueues queues;
    private static SqsClient sqs;

    private record DeadLetter(String queueArn, String body, Map<String, String> attributes) {}

    private final RecordingTargets lambdas = new RecordingTargets();
    private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    private final List<EventBridgeServer> servers = new ArrayList<>();

    @BeforeAll
    static void startElasticMq() {
        queues = new EmbeddedQueues();
        sqs = queues.sqs;
    }

    @AfterAll
    static void stopElasticMq() {
        queues.close();
    }

    @AfterEach
    void close() {
        servers.forEach(EventBridgeServer::close);
    }

    private EventBridgeServer start(Instant clock, RecordingTargets targets) {
        UnaryOperator<EventBridge.Builder> configure = b -> b.sqs(sqs)
                .lambda(targets)
                .deadLetterQueues((arn, body, attributes) -> deadLetters.add(new DeadLetter(arn, body, attributes)));
        EventBridgeServer server = new EventBridgeServer(clock, configure);
        servers.add(server);
        return server;
    }

    /** Saves, closes, and answers the state as the stack's file would give it back. */
    private static JsonNode stop(EventBridgeServer server) {
        server.settle();
        JsonNode state = server.engine.saveState();
        server.close();
        try {
            return Json.MAPPER.readTree(Json.write(state));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void eventsArchivedBeforeARestartAreReplayedAfterItToAnSqsTarget() {
        String url = queue("audit-" + System.nanoTime());
        EventBridgeServer first = start(EventBridgeServer.T0, lambdas);
        deployArchiveAndRule(first, url);
        Instant t0 = first.timers.now();
        for (int n = 0; n < 3; n++) {
            int value = n;
            first.client.putEvents(b -> b.entries(entry("{\"n\":" + value + "}")));
            first.advance(Duration.ofMinutes(1));
        }
        assertThat(receive(url, 3)).hasSize(3);
        String archive = first.client.describeArchive(b -> b.archiveName("all")).archiveArn();
        first.client.startReplay(b -> b.replayName("before-restart")
                .eventSourceArn(archive)
                .eventStartTime(t0)
                .eventEndTime(t0.plus(Duration.ofMinutes(1)))
                .destination(d -> d.arn(BUS)));
        assertThat(receive(url, 1)).hasSize(1);
        JsonNode saved = stop(first);

        EventBridgeServer second = start(t0.plus(Duration.ofHours(2)), lambdas);
        deployArchiveAndRule(second, url); // the template's archive and rule, created again, empty
        second.engine.restoreState(saved);

        assertThat(second.client.describeArchive(b -> b.archiveName("all")).eventCount())
                .isEqualTo(3);
        second.client.startReplay(b -> b.replayName("after-restart")
                .eventSourceArn(archive)
                .eventStartTime(t0.plus(Duration.ofMinutes(1)))
                .eventEndTime(t0.plus(Duration.ofMinutes(3)))
                .destination(d -> d.arn(BUS)));
        List<Message> replayed = receive(url, 2);
        assertThat(replayed)
                .extracting(m -> json(m.body()).get("detail").get("n").asInt())
                .containsExactly(1, 2);
        assertThat(replayed)
                .extracting(m -> json(m.body()).get("replay-name").asText())
                .containsOnly("after-restart");
        var kept = second.client.describeReplay(b -> b.replayName("before-restart"));
        assertThat(kept.state()).isEqualTo(ReplayState.COMPLETED);
        assertThat(kept.eventStartTime()).isEqualTo(t0);
        assertThat(kept.eventLastReplayedTime()).isEqualTo(t0);
        assertThat(kept.destination().arn()).isEqualTo(BUS);
        assertThat(second.client.listReplays(b -> {}).replays())
                .extracting(r -> r.replayName())
                .containsExactly("before-restart", "after-restart");
    }

    private static void deployArchiveAndRule(EventBridgeServer server, String url) {
        server.client.createArchive(b -> b.archiveName("all").eventSourceArn(BUS));
        server.client.putRule(b -> b.name("audit").eventPattern(PATTERN));
        server.client.putTargets(b ->
                b.rule("audit").targets(Target.builder().id("q").arn(arn(url)).build()));
    }

    @Test
    void aRuleCreatedAtRuntimeWithItsTargetsSettingsRoutesAfterTheRestart() {
        String url = queue("notify-" + System.nanoTime());
        String dlq = queue("dlq-" + System.nanoTime());
        EventBridgeServer first = start(EventBridgeServer.T0, lambdas);
        first.client.createEventBus(b -> b.name("stores"));
        first.client.putRule(
                b -> b.name("pick").eventBusName("stores").eventPattern(PATTERN).description("runtime rule"));
        Target target = Target.builder()
                .id("q")
                .arn(arn(url))
                .inputTransformer(t -> t.inputPathsMap(Map.of("order", "$.detail.orderId"))
                        .inputTemplate("{\"pick\": <order>, \"rule\": <aws.events.rule-name>}"))
                .retryPolicy(p -> p.maximumRetryAttempts(5).maximumEventAgeInSeconds(600))
                .deadLetterConfig(d -> d.arn(arn(dlq)))
                .build();
        first.client.putTargets(b -> b.rule("pick").eventBusName("stores").targets(target));
        JsonNode saved = stop(first);

        EventBridgeServer second = start(EventBridgeServer.T0.plus(Duration.ofMinutes(5)), lambdas);
        second.engine.restoreState(saved);

        assertThat(second.client
                        .listTargetsByRule(b -> b.rule("pick").eventBusName("stores"))
                        .targets())
                .containsExactly(target);
        assertThat(second.client
                        .describeRule(b -> b.name("pick").eventBusName("stores"))
                        .description())
                .isEqualTo("runtime rule");
        second.client.putEvents(b -> b.entries(entry("{\"orderId\":\"o-5\"}").toBuilder()
                .eventBusName("stores")
                .build()));
        assertThat(receive(url, 1).getFirst().body()).isEqualTo("{\"pick\": \"o-5\", \"rule\": \"pick\"}");
    }

    @Test
    void aRetryPendingAtTheSaveIsMadeAtItsOriginalDueTimeAfterTheRestart() {
        lambdas.failures.set(2);
        EventBridgeServer first = start(EventBridgeServer.T0, lambdas);
        first.client.putRule(b -> b.name("r").eventPattern(PATTERN));
        first.client.putTargets(b -> b.rule("r")
                .targets(Target.builder().id("fn").arn(lambda("notifier")).build()));
        String id = first.client
                .putEvents(b -> b.entries(entry("{\"orderId\":\"o-1\"}")))
                .entries()
                .getFirst()
                .eventId();
        first.advance(Duration.ofSeconds(1)); // attempt 1 at T0, attempt 2 at T0+1s: both fail
        assertThat(lambdas.attempts).hasValue(2);
        JsonNode saved = stop(first); // retry 2 is due at T0+1s+2s

        RecordingTargets restarted = new RecordingTargets();
        EventBridgeServer second = start(EventBridgeServer.T0.plus(Duration.ofSeconds(1)), restarted);
        second.client.putRule(b -> b.name("r").eventPattern(PATTERN)); // the deployment's rule and target
        second.client.putTargets(b -> b.rule("r")
                .targets(Target.builder().id("fn").arn(lambda("notifier")).build()));
        second.engine.restoreState(saved);

        second.advance(Duration.ofMillis(1999));
        assertThat(restarted.calls()).isEmpty();
        second.advance(Duration.ofMillis(1));
        assertThat(restarted.calls()).hasSize(1);
        assertThat(json(restarted.calls().getFirst().input()).get("id").asText())
                .isEqualTo(id);
        second.advance(Duration.ofMinutes(10));
        assertThat(restarted.calls()).hasSize(1);
    }

    @Test
    void theMaximumEventAgeCountsFromTheEventsIngestionBeforeTheRestart() {
        lambdas.failures.set(100);
        EventBridgeServer first = start(EventBridgeServer.T0, lambdas);
        first.client.putRule(b -> b.name("r").eventPattern(PATTERN));
        first.client.putTargets(b -> b.rule("r")
                .targets(Target.builder()
                        .id("fn")
                        .arn(lambda("notifier"))
                        .retryPolicy(p -> p.maximumEventAgeInSeconds(60))
                        .deadLetterConfig(d -> d.arn("arn:aws:sqs:us-east-1:000000000000:dlq"))
                        .build()));
        first.client.putEvents(b -> b.entries(entry("{}")));
        first.advance(Duration.ofSeconds(30)); // attempts at 0, 1, 3, 7, 15 s; the next is due at 31 s
        JsonNode saved = stop(first);

        EventBridgeServer second = start(EventBridgeServer.T0.plus(Duration.ofSeconds(30)), lambdas);
        second.engine.restoreState(saved);
        second.advance(Duration.ofSeconds(1)); // the retry at 31 s fails; one more would be due at 63 s

        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.getFirst().attributes())
                .containsEntry("EXHAUSTED_RETRY_CONDITION", "MaximumEventAgeInSeconds")
                .containsEntry("RETRY_ATTEMPTS", "5");
    }

    @Test
    void aReplayRunningAtTheSaveCompletesAfterTheRestartWithoutDeliveringAnEventTwice() throws Exception {
        CountDownLatch firstReplayedDelivery = new CountDownLatch(1);
        CountDownLatch releaseIt = new CountDownLatch(1);
        RecordingTargets blocking = new RecordingTargets() {
            @Override
            public void invokeAsync(String functionArn, String payload, String traceHeader) {
                if (payload.contains("\"replay-name\"") && firstReplayedDelivery.getCount() > 0) {
                    firstReplayedDelivery.countDown();
                    await(releaseIt);
                }
                super.invokeAsync(functionArn, payload, traceHeader);
            }
        };
        EventBridgeServer first = start(EventBridgeServer.T0, blocking);
        String archive = first.client
                .createArchive(b -> b.archiveName("all").eventSourceArn(BUS))
                .archiveArn();
        first.client.putRule(b -> b.name("r").eventPattern(PATTERN));
        first.client.putTargets(b -> b.rule("r")
                .targets(Target.builder().id("fn").arn(lambda("audit")).build()));
        for (int n = 0; n < 3; n++) {
            int value = n;
            first.client.putEvents(b -> b.entries(entry("{\"n\":" + value + "}")));
        }
        first.advance(Duration.ofMinutes(1));
        first.client.startReplay(b -> b.replayName("fix")
                .eventSourceArn(archive)
                .eventStartTime(EventBridgeServer.T0)
                .eventEndTime(first.timers.now())
                .destination(d -> d.arn(BUS)));
        assertThat(firstReplayedDelivery.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<JsonNode> saving = new CompletableFuture<>();
        Thread saver = Thread.ofPlatform().start(() -> saving.complete(first.engine.saveState()));
        // The save is waiting for the attempt under way: let that attempt finish.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (saver.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        releaseIt.countDown();
        JsonNode saved = Json.MAPPER.readTree(Json.write(saving.get(20, TimeUnit.SECONDS)));
        first.close();
        assertThat(saved.at("/replays/0/State").asText()).isEqualTo("RUNNING");

        RecordingTargets restarted = new RecordingTargets();
        EventBridgeServer second = start(first.timers.now(), restarted);
        second.engine.restoreState(saved);
        second.settle();

        List<Integer> replayedBefore = replayed(blocking);
        List<Integer> replayedAfter = replayed(restarted);
        assertThat(replayedBefore).hasSize(1);
        assertThat(replayedAfter).hasSize(2);
        List<Integer> all = new ArrayList<>(replayedBefore);
        all.addAll(replayedAfter);
        assertThat(all).containsExactlyInAnyOrder(0, 1, 2);
        var described = second.client.describeReplay(b -> b.replayName("fix"));
        assertThat(described.state()).isEqualTo(ReplayState.COMPLETED);
        assertThat(described.replayEndTime()).isNotNull();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new AssertionError("the test did not release the delivery");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static List<Integer> replayed(RecordingTargets targets) {
        return targets.calls().stream()
                .map(c -> json(c.input()))
                .filter(event -> event.has("replay-name"))
                .map(event -> event.get("detail").get("n").asInt())
                .toList();
    }

    @Test
    void aScheduledRunDueWhileTheStackWasDownIsNotMadeUp() {
        EventBridgeServer first = start(EventBridgeServer.T0, lambdas);
        first.client.putRule(b -> b.name("hourly").scheduleExpression("rate(1 hour)"));
        first.client.putTargets(b -> b.rule("hourly")
                .targets(Target.builder().id("fn").arn(lambda("sweeper")).build()));
        first.advance(Duration.ofHours(1));
        assertThat(lambdas.calls()).hasSize(1);
        JsonNode saved = stop(first);

        RecordingTargets restarted = new RecordingTargets();
        Instant restartedAt = EventBridgeServer.T0.plus(Duration.ofHours(5)); // four runs were due while down
        EventBridgeServer second = start(restartedAt, restarted);
        second.engine.restoreState(saved);

        second.advance(Duration.ofMinutes(59));
        assertThat(restarted.calls())
                .as("no run is made up for the time the stack was down")
                .isEmpty();
        second.advance(Duration.ofMinutes(1));
        assertThat(restarted.calls()).hasSize(1);
        assertThat(json(restarted.calls().getFirst().input()).get("time").asText())
                .isEqualTo(restartedAt.plus(Duration.ofHours(1)).toString());
    }

    @Test
    void archiveRetentionCountsFromTheOriginalArchiveTime() {
        EventBridgeServer first = start(EventBridgeServer.T0, lambdas);
        first.client.createArchive(
                b -> b.archiveName("week").eventSourceArn(BUS).retentionDays(1));
        first.client.putEvents(b -> b.entries(entry("{}")));
        JsonNode saved = stop(first);

        EventBridgeServer second = start(EventBridgeServer.T0.plus(Duration.ofHours(23)), lambdas);
        second.engine.restoreState(saved);
        assertThat(second.client.describeArchive(b -> b.archiveName("week")).eventCount())
                .isEqualTo(1);
        assertThat(second.client.describeArchive(b -> b.archiveName("week")).retentionDays())
                .isEqualTo(1);

        second.advance(Duration.ofHours(1)); // exactly a day after it was archived: still kept
        assertThat(second.client.describeArchive(b -> b.archiveName("week")).eventCount())
                .isEqualTo(1);
        second.advance(Duration.ofSeconds(1));
        var expired = second.client.describeArchive(b -> b.archiveName("week"));
        assertThat(expired.eventCount()).isZero();
        assertThat(expired.sizeBytes()).isZero();
    }

    @Test
    void aTemplateRuleDisabledAtRuntimeStaysDisabledUnlessTheTemplateChangedTheRule() {
        EventBridgeServer first = start(EventBridgeServer.T0, lambdas);
        first.client.putRule(b -> b.name("same").eventPattern(PATTERN));
        first.client.putRule(b -> b.name("changed").eventPattern(PATTERN));
        first.client.disableRule(b -> b.name("same"));
        first.client.disableRule(b -> b.name("changed"));
        JsonNode saved = stop(first);

        EventBridgeServer second = start(EventBridgeServer.T0, lambdas);
        second.client.putRule(b -> b.name("same").eventPattern(PATTERN));
        second.client.putRule(b -> b.name("changed").eventPattern("{\"source\":[\"commerce.payments\"]}"));
        second.engine.restoreState(saved);

        assertThat(second.client.describeRule(b -> b.name("same")).state()).isEqualTo(RuleState.DISABLED);
        assertThat(second.client.describeRule(b -> b.name("changed")).state()).isEqualTo(RuleState.ENABLED);
        second.client.putTargets(b -> b.rule("same")
                .targets(Target.builder().id("fn").arn(lambda("audit")).build()));
        second.client.putEvents(b -> b.entries(entry("{}")));
        second.settle();
        assertThat(lambdas.calls()).isEmpty();
    }

    @Test
    void aStateOfAnUnknownVersionRestoresNothing() {
        EventBridgeServer first = start(EventBridgeServer.T0, lambdas);
        first.client.putRule(b -> b.name("runtime").eventPattern(PATTERN));
        JsonNode saved = stop(first);
        ((com.fasterxml.jackson.databind.node.ObjectNode) saved).put("version", 2);

        EventBridgeServer second = start(EventBridgeServer.T0, lambdas);
        second.engine.restoreState(saved);

        assertThat(second.client.listRules(b -> {}).rules()).isEmpty();
    }

    private static String queue(String name) {
        return queues.queue(name);
    }

    private static String arn(String queueUrl) {
        return EmbeddedQueues.arn(queueUrl);
    }

    private static List<Message> receive(String url, int count) {
        return queues.receive(url, count);
    }

    private static JsonNode json(String text) {
        return EmbeddedQueues.json(text);
    }
}
