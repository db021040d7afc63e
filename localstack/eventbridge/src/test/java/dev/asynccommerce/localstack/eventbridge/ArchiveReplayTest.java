package dev.asynccommerce.localstack.eventbridge;

import static dev.asynccommerce.localstack.eventbridge.EventBridgeApiTest.entry;
import static dev.asynccommerce.localstack.eventbridge.EventBridgeApiTest.lambda;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.DescribeReplayResponse;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.ReplayState;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Target;

/** Archives keep their bus's matching events; replays re-deliver a window of them, marked. */
class ArchiveReplayTest {
    private static final String BUS = "arn:aws:events:us-east-1:000000000000:event-bus/default";

    private final RecordingTargets targets = new RecordingTargets();
    private final EventBridgeServer eb = new EventBridgeServer(b -> b.lambda(targets));

    @AfterEach
    void close() {
        eb.close();
    }

    @Test
    void anArchiveKeepsOnlyTheEventsMatchingItsPattern() {
        String arn = eb.client
                .createArchive(b -> b.archiveName("orders")
                        .eventSourceArn(BUS)
                        .eventPattern("{\"detail-type\":[\"OrderPlaced\"]}")
                        .retentionDays(7))
                .archiveArn();

        eb.client.putEvents(b -> b.entries(
                entry("{}"), entry("{}").toBuilder().detailType("Other").build()));

        assertThat(arn).isEqualTo("arn:aws:events:us-east-1:000000000000:archive/orders");
        var described = eb.client.describeArchive(b -> b.archiveName("orders"));
        assertThat(described.eventCount()).isEqualTo(1);
        assertThat(described.sizeBytes()).isPositive();
        assertThat(described.retentionDays()).isEqualTo(7);
        assertThat(eb.client.listArchives(b -> {}).archives())
                .extracting(a -> a.archiveName())
                .containsExactly("orders");
        assertThatThrownBy(() ->
                        eb.client.createArchive(b -> b.archiveName("orders").eventSourceArn(BUS)))
                .isInstanceOf(ResourceAlreadyExistsException.class);

        eb.client.deleteArchive(b -> b.archiveName("orders"));
        assertThatThrownBy(() -> eb.client.describeArchive(b -> b.archiveName("orders")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void emptyingTheArchivesKeepsThemButDropsTheirEventsAndReplays() {
        String archive = eb.client
                .createArchive(b -> b.archiveName("all").eventSourceArn(BUS))
                .archiveArn();
        eb.client.putEvents(b -> b.entries(entry("{}"), entry("{}")));
        Instant start = eb.timers.now().minusSeconds(60);
        eb.advance(Duration.ofMinutes(1));
        eb.client.startReplay(b -> b.replayName("r1")
                .eventSourceArn(archive)
                .eventStartTime(start)
                .eventEndTime(eb.timers.now())
                .destination(d -> d.arn(BUS)));
        assertThat(eb.client.describeArchive(b -> b.archiveName("all")).eventCount())
                .isEqualTo(2);

        eb.engine.emptyArchives();

        var described = eb.client.describeArchive(b -> b.archiveName("all"));
        assertThat(described.eventCount()).isZero();
        assertThat(described.sizeBytes()).isZero();
        assertThat(eb.client.listReplays(b -> {}).replays()).isEmpty();
        eb.client.putEvents(b -> b.entries(entry("{}")));
        assertThat(eb.client.describeArchive(b -> b.archiveName("all")).eventCount())
                .as("the archive still archives")
                .isEqualTo(1);
    }

    @Test
    void aReplayRedeliversOnlyItsWindowToTheNamedRulesMarkedWithReplayName() throws Exception {
        String archive = eb.client
                .createArchive(b -> b.archiveName("all").eventSourceArn(BUS))
                .archiveArn();
        String wanted = eb.client
                .putRule(b -> b.name("wanted").eventPattern("{\"source\":[\"commerce.ordering\"]}"))
                .ruleArn();
        eb.client.putRule(b -> b.name("other").eventPattern("{\"source\":[\"commerce.ordering\"]}"));
        eb.client.putTargets(b -> b.rule("wanted")
                .targets(Target.builder().id("t").arn(lambda("a")).build()));
        eb.client.putTargets(b -> b.rule("other")
                .targets(Target.builder().id("t").arn(lambda("b")).build()));

        Instant t0 = eb.timers.now();
        for (String id : new String[] {"before", "inside-1", "inside-2", "after"}) {
            eb.client.putEvents(b -> b.entries(entry("{\"n\":\"" + id + "\"}")));
            eb.advance(Duration.ofMinutes(10));
        }
        int live = targets.calls().size();
        assertThat(live).isEqualTo(8);

        var started = eb.client.startReplay(b -> b.replayName("fix")
                .eventSourceArn(archive)
                .eventStartTime(t0.plus(Duration.ofMinutes(10)))
                .eventEndTime(t0.plus(Duration.ofMinutes(30)))
                .destination(d -> d.arn(BUS).filterArns(wanted)));
        assertThat(started.state()).isEqualTo(ReplayState.STARTING);
        assertThat(started.replayArn()).isEqualTo("arn:aws:events:us-east-1:000000000000:replay/fix");
        eb.settle();

        var replayed = targets.calls().subList(live, targets.calls().size());
        assertThat(replayed).extracting(RecordingTargets.Call::arn).containsOnly(lambda("a"));
        assertThat(replayed).hasSize(2);
        for (int i = 0; i < 2; i++) {
            var event = Json.MAPPER.readTree(replayed.get(i).input());
            assertThat(event.get("detail").get("n").asText()).isEqualTo("inside-" + (i + 1));
            assertThat(event.get("replay-name").asText()).isEqualTo("fix");
        }
        DescribeReplayResponse described = eb.client.describeReplay(b -> b.replayName("fix"));
        assertThat(described.state()).isEqualTo(ReplayState.COMPLETED);
        assertThat(described.eventLastReplayedTime()).isEqualTo(t0.plus(Duration.ofMinutes(20)));
        assertThat(described.destination().filterArns()).containsExactly(wanted);
        assertThat(eb.client.listReplays(b -> {}).replays())
                .extracting(r -> r.replayName())
                .containsExactly("fix");
    }

    @Test
    void replayRequestsAreValidatedAsAws() {
        String archive = eb.client
                .createArchive(b -> b.archiveName("all").eventSourceArn(BUS))
                .archiveArn();
        eb.client.createEventBus(b -> b.name("elsewhere"));
        Instant now = eb.timers.now();

        assertThatThrownBy(() -> eb.client.startReplay(b -> b.replayName("x")
                        .eventSourceArn(archive)
                        .eventStartTime(now)
                        .eventEndTime(now.minusSeconds(1))
                        .destination(d -> d.arn(BUS))))
                .isInstanceOf(EventBridgeException.class)
                .hasMessageContaining("EventStartTime must be before EventEndTime");
        assertThatThrownBy(() -> eb.client.startReplay(b -> b.replayName("x")
                        .eventSourceArn(archive)
                        .eventStartTime(now.minusSeconds(60))
                        .eventEndTime(now)
                        .destination(d -> d.arn(BUS.replace("default", "elsewhere")))))
                .hasMessageContaining("Cross event bus replay is not permitted");
        assertThatThrownBy(() -> eb.client.startReplay(b -> b.replayName("x")
                        .eventSourceArn(archive.replace("all", "none"))
                        .eventStartTime(now.minusSeconds(60))
                        .eventEndTime(now)
                        .destination(d -> d.arn(BUS))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> eb.client.describeReplay(b -> b.replayName("none")))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
