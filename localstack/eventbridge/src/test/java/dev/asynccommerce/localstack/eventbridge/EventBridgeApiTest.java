package dev.asynccommerce.localstack.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Collections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.InvalidEventPatternException;
import software.amazon.awssdk.services.eventbridge.model.LimitExceededException;
import software.amazon.awssdk.services.eventbridge.model.ListEventBusesResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;

/** Buses, rules, targets and PutEvents through the unmodified SDK client. */
class EventBridgeApiTest {
    private final EventBridgeServer eb = new EventBridgeServer();

    @AfterEach
    void close() {
        eb.close();
    }

    @Test
    void theDefaultBusAlwaysExistsAndCustomBusesHaveAwsArns() {
        assertThat(eb.client.describeEventBus(b -> {}).arn())
                .isEqualTo("arn:aws:events:us-east-1:000000000000:event-bus/default");

        String arn = eb.client
                .createEventBus(b -> b.name("orders").description("Order events"))
                .eventBusArn();

        assertThat(arn).isEqualTo("arn:aws:events:us-east-1:000000000000:event-bus/orders");
        var described = eb.client.describeEventBus(b -> b.name("orders"));
        assertThat(described.description()).isEqualTo("Order events");
        assertThat(described.creationTime()).isEqualTo(EventBridgeServer.T0);
        assertThat(eb.client.listEventBuses(b -> {}).eventBuses())
                .extracting(x -> x.name())
                .containsExactly("default", "orders");
    }

    @Test
    void busErrorsAreAwsErrors() {
        eb.client.createEventBus(b -> b.name("orders"));
        assertThatThrownBy(() -> eb.client.createEventBus(b -> b.name("orders")))
                .isInstanceOf(ResourceAlreadyExistsException.class)
                .hasMessageContaining("Event bus orders already exists.");
        assertThatThrownBy(() -> eb.client.describeEventBus(b -> b.name("nope")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Event bus nope does not exist.");
        assertThatThrownBy(() -> eb.client.deleteEventBus(b -> b.name("default")))
                .isInstanceOf(EventBridgeException.class)
                .satisfies(e -> assertThat(
                                ((EventBridgeException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"));
        assertThatThrownBy(() -> eb.client.createEventBus(b -> b.name("bad name!")))
                .isInstanceOf(EventBridgeException.class)
                .satisfies(
                        e -> assertThat(((EventBridgeException) e).statusCode()).isEqualTo(400));

        eb.client.deleteEventBus(b -> b.name("orders"));
        assertThat(eb.client.listEventBuses(b -> {}).eventBuses()).hasSize(1);
    }

    @Test
    void listingPagesWithNextToken() {
        for (int i = 0; i < 3; i++) {
            int n = i;
            eb.client.createEventBus(b -> b.name("bus-" + n));
        }
        ListEventBusesResponse first =
                eb.client.listEventBuses(b -> b.namePrefix("bus-").limit(2));
        ListEventBusesResponse second =
                eb.client.listEventBuses(b -> b.namePrefix("bus-").limit(2).nextToken(first.nextToken()));

        assertThat(first.eventBuses()).extracting(x -> x.name()).containsExactly("bus-0", "bus-1");
        assertThat(second.eventBuses()).extracting(x -> x.name()).containsExactly("bus-2");
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void rulesLiveOnTheirBusWithAwsArns() {
        eb.client.createEventBus(b -> b.name("orders"));
        String onDefault = eb.client
                .putRule(b -> b.name("r1").eventPattern("{\"source\":[\"a\"]}"))
                .ruleArn();
        String onOrders = eb.client
                .putRule(b -> b.name("r1")
                        .eventBusName("orders")
                        .eventPattern("{\"source\":[\"a\"]}")
                        .state(RuleState.DISABLED))
                .ruleArn();

        assertThat(onDefault).isEqualTo("arn:aws:events:us-east-1:000000000000:rule/r1");
        assertThat(onOrders).isEqualTo("arn:aws:events:us-east-1:000000000000:rule/orders/r1");
        DescribeRuleResponse described =
                eb.client.describeRule(b -> b.name("r1").eventBusName("orders"));
        assertThat(described.state()).isEqualTo(RuleState.DISABLED);
        assertThat(described.eventBusName()).isEqualTo("orders");
        assertThat(described.eventPattern()).isEqualTo("{\"source\":[\"a\"]}");

        eb.client.enableRule(b -> b.name("r1").eventBusName("orders"));
        assertThat(eb.client
                        .describeRule(b -> b.name("r1").eventBusName("orders"))
                        .state())
                .isEqualTo(RuleState.ENABLED);
        assertThat(eb.client.listRules(b -> b.eventBusName("orders")).rules())
                .extracting(x -> x.arn())
                .containsExactly(onOrders);
    }

    @Test
    void ruleErrorsAreAwsErrors() {
        assertThatThrownBy(() -> eb.client.putRule(b -> b.name("r").eventPattern("{\"source\":\"not-an-array\"}")))
                .isInstanceOf(InvalidEventPatternException.class);
        assertThatThrownBy(() -> eb.client.putRule(b -> b.name("r").eventPattern("{not json")))
                .isInstanceOf(InvalidEventPatternException.class);
        assertThatThrownBy(() -> eb.client.putRule(
                        b -> b.name("r").eventPattern("{\"source\":[\"a\"]}").eventBusName("missing")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> eb.client.putRule(b -> b.name("r")))
                .isInstanceOf(EventBridgeException.class)
                .hasMessageContaining("EventPattern or ScheduleExpression must be specified");
        assertThatThrownBy(() -> eb.client.describeRule(b -> b.name("missing")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Rule missing does not exist on EventBus default.");
        assertThatThrownBy(() -> eb.client.putTargets(b -> b.rule("missing")
                        .targets(Target.builder().id("t").arn(lambda("f")).build())))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aRuleWithTargetsCannotBeDeleted() {
        eb.client.putRule(b -> b.name("r").eventPattern("{\"source\":[\"a\"]}"));
        eb.client.putTargets(b ->
                b.rule("r").targets(Target.builder().id("t").arn(lambda("f")).build()));

        assertThatThrownBy(() -> eb.client.deleteRule(b -> b.name("r")))
                .isInstanceOf(EventBridgeException.class)
                .hasMessageContaining("Rule can't be deleted since it has targets.")
                .satisfies(e -> assertThat(
                                ((EventBridgeException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"));

        var removed = eb.client.removeTargets(b -> b.rule("r").ids("t"));
        assertThat(removed.failedEntryCount()).isZero();
        eb.client.deleteRule(b -> b.name("r"));
        assertThat(eb.client.listRules(b -> {}).rules()).isEmpty();
    }

    @Test
    void targetsAreStoredAsGivenAndValidated() {
        eb.client.putRule(b -> b.name("r").eventPattern("{\"source\":[\"a\"]}"));
        Target fifo = Target.builder()
                .id("fifo")
                .arn("arn:aws:sqs:us-east-1:000000000000:inventory.fifo")
                .sqsParameters(p -> p.messageGroupId("sku"))
                .retryPolicy(p -> p.maximumRetryAttempts(3).maximumEventAgeInSeconds(600))
                .deadLetterConfig(d -> d.arn("arn:aws:sqs:us-east-1:000000000000:dlq"))
                .build();

        var put = eb.client.putTargets(b -> b.rule("r").targets(fifo));

        assertThat(put.failedEntryCount()).isZero();
        assertThat(eb.client.listTargetsByRule(b -> b.rule("r")).targets()).containsExactly(fifo);

        // A FIFO queue target without a message group is refused, as AWS does.
        assertThatThrownBy(() -> eb.client.putTargets(b -> b.rule("r")
                        .targets(Target.builder()
                                .id("nogroup")
                                .arn("arn:aws:sqs:us-east-1:000000000000:inventory.fifo")
                                .build())))
                .isInstanceOf(EventBridgeException.class)
                .hasMessageContaining("SqsParameters must be specified for target: nogroup");
        assertThatThrownBy(() -> eb.client.putTargets(b -> b.rule("r")
                        .targets(Target.builder()
                                .id("two")
                                .arn(lambda("f"))
                                .input("{}")
                                .inputPath("$.detail")
                                .build())))
                .hasMessageContaining("Only one of Input, InputPath, or InputTransformer");
        assertThatThrownBy(() -> eb.client.putTargets(b -> b.rule("r")
                        .targets(Target.builder()
                                .id("reserved")
                                .arn(lambda("f"))
                                .inputTransformer(t -> t.inputPathsMap(java.util.Map.of("aws.events.rule-arn", "$.id"))
                                        .inputTemplate("<aws.events.rule-arn>"))
                                .build())))
                .hasMessageContaining("reserved");
    }

    @Test
    void aRuleTakesAtMostFiveTargets() {
        eb.client.putRule(b -> b.name("r").eventPattern("{\"source\":[\"a\"]}"));
        for (int i = 0; i < 5; i++) {
            int n = i;
            eb.client.putTargets(b -> b.rule("r")
                    .targets(Target.builder().id("t" + n).arn(lambda("f")).build()));
        }
        assertThatThrownBy(() -> eb.client.putTargets(b -> b.rule("r")
                        .targets(Target.builder().id("t5").arn(lambda("f")).build())))
                .isInstanceOf(LimitExceededException.class);
    }

    @Test
    void putEventsAnswersPerEntryAsAws() {
        PutEventsResponse response = eb.client.putEvents(b -> b.entries(
                entry("{\"orderId\":\"o-1\"}"),
                entry("{not json"),
                entry("[1,2]"),
                PutEventsRequestEntry.builder().detailType("T").detail("{}").build(),
                PutEventsRequestEntry.builder()
                        .source("aws.ec2")
                        .detailType("T")
                        .detail("{}")
                        .build()));

        assertThat(response.failedEntryCount()).isEqualTo(4);
        assertThat(response.entries().get(0).eventId()).isNotBlank();
        assertThat(response.entries().get(0).errorCode()).isNull();
        assertThat(response.entries().get(1).errorCode()).isEqualTo("MalformedDetail");
        assertThat(response.entries().get(1).eventId()).isNull();
        assertThat(response.entries().get(2).errorCode()).isEqualTo("MalformedDetail");
        assertThat(response.entries().get(3).errorCode()).isEqualTo("InvalidArgument");
        assertThat(response.entries().get(3).errorMessage()).contains("Source is a required argument");
        assertThat(response.entries().get(4).errorCode()).isEqualTo("NotAuthorizedForSourceException");
    }

    @Test
    void putEventsEnforcesTheRequestLimits() {
        PutEventsRequestEntry[] eleven = Collections.nCopies(11, entry("{}")).toArray(PutEventsRequestEntry[]::new);
        assertThatThrownBy(() -> eb.client.putEvents(b -> b.entries(eleven)))
                .isInstanceOf(EventBridgeException.class)
                .satisfies(e -> assertThat(
                                ((EventBridgeException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"));

        // AWS's entry-size rule (eb-putevent-size.html): Time is 14 bytes, Source, DetailType,
        // Detail and each Resource their UTF-8 length; the total must stay within 256 KB.
        String filler = "x".repeat(256 * 1024 - 14 - "{\"a\":\"\"}".length() - "src".length() - "T".length());
        PutEventsRequestEntry exactlyAtLimit = PutEventsRequestEntry.builder()
                .time(Instant.parse("2026-11-21T09:00:00Z"))
                .source("src")
                .detailType("T")
                .detail("{\"a\":\"" + filler + "\"}")
                .build();
        assertThat(eb.client.putEvents(b -> b.entries(exactlyAtLimit)).failedEntryCount())
                .isZero();
        PutEventsRequestEntry oneByteOver =
                exactlyAtLimit.toBuilder().resources("r").build();
        assertThatThrownBy(() -> eb.client.putEvents(b -> b.entries(oneByteOver)))
                .isInstanceOf(EventBridgeException.class)
                .hasMessageContaining("Total size of the entries in the request is over the limit.");
    }

    @Test
    void eventsForABusThatDoesNotExistAreAcceptedAndDroppedAsAwsDoes() {
        // AWS answers success and drops the event (aws/aws-cli#9186, aws/aws-sdk#186).
        PutEventsResponse response = eb.client.putEvents(
                b -> b.entries(entry("{}").toBuilder().eventBusName("nope").build()));
        assertThat(response.failedEntryCount()).isZero();
        assertThat(response.entries().get(0).eventId()).isNotBlank();
    }

    @Test
    void unknownOperationsAndBadBodiesAre400NotA500() {
        EventBridgeApi api = new EventBridgeApi(eb.engine);
        assertThat(api.handle("AWSEvents.Nope", "{}".getBytes()).status()).isEqualTo(400);
        assertThat(api.handle("AWSEvents.PutRule", "[".getBytes()).text()).contains("SerializationException");
        assertThat(api.handle("AWSEvents.PutEvents", "{\"Entries\":\"x\"}".getBytes())
                        .text())
                .contains("ValidationException");
        assertThat(api.handle("AWSEvents.StartReplay", "{}".getBytes()).status())
                .isEqualTo(400);
        assertThat(api.handle("AWSEvents.PutTargets", "{\"Rule\":\"x\"}".getBytes())
                        .status())
                .isEqualTo(400);
    }

    static PutEventsRequestEntry entry(String detail) {
        return PutEventsRequestEntry.builder()
                .source("commerce.ordering")
                .detailType("OrderPlaced")
                .detail(detail)
                .build();
    }

    static String lambda(String name) {
        return "arn:aws:lambda:us-east-1:000000000000:function:" + name;
    }
}
