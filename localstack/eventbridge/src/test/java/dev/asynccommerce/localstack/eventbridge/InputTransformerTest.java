package dev.asynccommerce.localstack.eventbridge;

import static dev.asynccommerce.localstack.eventbridge.EventBridgeApiTest.lambda;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * InputTransformer output, character for character, against the examples of
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html (the EC2
 * state-change event, InputPathsMap {instance, state}).
 */
class InputTransformerTest {
    private static final Map<String, String> PATHS =
            Map.of("instance", "$.detail.instance-id", "state", "$.detail.state", "detail", "$.detail");

    private final RecordingTargets targets = new RecordingTargets();
    private final EventBridgeServer eb = new EventBridgeServer(b -> b.lambda(targets));

    @AfterEach
    void close() {
        eb.close();
    }

    private String transform(String template) {
        eb.client.putRule(b -> b.name("ec2").eventPattern("{\"source\":[\"custom.ec2\"]}"));
        eb.client.putTargets(b -> b.rule("ec2")
                .targets(Target.builder()
                        .id("t")
                        .arn(lambda("f"))
                        .inputTransformer(t -> t.inputPathsMap(PATHS).inputTemplate(template))
                        .build()));
        eb.client.putEvents(b -> b.entries(PutEventsRequestEntry.builder()
                .source("custom.ec2")
                .detailType("EC2 Instance State-change Notification")
                .detail("{\"instance-id\":\"i-0123456789\",\"state\":\"RUNNING\"}")
                .build()));
        eb.settle();
        assertThat(targets.calls()).hasSize(1);
        return targets.calls().get(0).input();
    }

    @Test
    void aSimpleStringKeepsItsQuotesAndTakesRawValues() {
        assertThat(transform("\"instance <instance> is in <state>\""))
                .isEqualTo("\"instance i-0123456789 is in RUNNING\"");
    }

    @Test
    void escapedQuotesInAStringStay() {
        assertThat(transform("\"instance \\\"<instance>\\\" is in <state>\""))
                .isEqualTo("\"instance \\\"i-0123456789\\\" is in RUNNING\"");
    }

    @Test
    void unquotedStringVariablesInJsonGetQuotes() {
        assertThat(transform("{\"instance\" : <instance>, \"state\": [ 9, <state>, true ], \"Transformed\" : \"Yes\"}"))
                .isEqualTo("{\"instance\" : \"i-0123456789\", \"state\": [ 9, \"RUNNING\", true ],"
                        + " \"Transformed\" : \"Yes\"}");
    }

    @Test
    void quotedVariablesInJsonAreInsertedRaw() {
        assertThat(transform("{\"state\": \"<state>\", \"status\": \"instance <instance> is in <state>\"}"))
                .isEqualTo("{\"state\": \"RUNNING\", \"status\": \"instance i-0123456789 is in RUNNING\"}");
    }

    @Test
    void anObjectIsJsonAsAValueAndLosesItsQuotesInsideAString() {
        assertThat(transform("{\"detail\": <detail>, \"text\": \"Detail is <detail>\"}"))
                .isEqualTo("{\"detail\": {\"instance-id\":\"i-0123456789\",\"state\":\"RUNNING\"},"
                        + " \"text\": \"Detail is {instance-id:i-0123456789,state:RUNNING}\"}");
    }

    @Test
    void reservedVariablesAreFilledIn() throws Exception {
        String out = transform("{\"ruleArn\": <aws.events.rule-arn>, \"ruleName\": <aws.events.rule-name>,"
                + " \"at\": <aws.events.event.ingestion-time>, \"original\": <aws.events.event>,"
                + " \"full\": <aws.events.event.json>, \"text\": \"<aws.events.rule-name> triggered\"}");

        var json = Json.MAPPER.readTree(out);
        assertThat(json.get("ruleArn").asText()).isEqualTo("arn:aws:events:us-east-1:000000000000:rule/ec2");
        assertThat(json.get("ruleName").asText()).isEqualTo("ec2");
        assertThat(json.get("at").asText()).isEqualTo("2026-11-21T09:00:00Z");
        assertThat(json.get("original").has("detail")).isFalse();
        assertThat(json.get("original").get("source").asText()).isEqualTo("custom.ec2");
        assertThat(json.get("full").get("detail").get("state").asText()).isEqualTo("RUNNING");
        assertThat(json.get("text").asText()).isEqualTo("ec2 triggered");
    }

    @Test
    void aVariableWhosePathIsMissingIsNotDefined() {
        eb.client.putRule(b -> b.name("r").eventPattern("{\"source\":[\"x\"]}"));
        eb.client.putTargets(b -> b.rule("r")
                .targets(Target.builder()
                        .id("t")
                        .arn(lambda("f"))
                        .inputTransformer(t -> t.inputPathsMap(Map.of("gone", "$.detail.nothing"))
                                .inputTemplate("{\"v\": <gone>, \"s\": \"[<gone>]\", \"literal\": \"<other>\"}"))
                        .build()));
        eb.client.putEvents(b -> b.entries(PutEventsRequestEntry.builder()
                .source("x")
                .detailType("T")
                .detail("{}")
                .build()));
        eb.settle();

        assertThat(targets.calls().get(0).input()).isEqualTo("{\"v\": null, \"s\": \"[]\", \"literal\": \"<other>\"}");
    }
}
