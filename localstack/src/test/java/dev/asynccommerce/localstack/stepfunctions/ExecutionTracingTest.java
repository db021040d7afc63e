package dev.asynccommerce.localstack.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.localstack.spi.TraceHeader;
import dev.asynccommerce.localstack.stepfunctions.integration.LocalFunctions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/**
 * X-Ray through the engine, over SfnClient: an execution's trace (StartExecution's X-Amzn-Trace-Id over
 * its body's traceHeader), the sampling decision by TracingConfiguration, the header each Task's call
 * carries (lambda:invoke, the bare function ARN, states:startExecution) and the segment recorded for a
 * sampled execution of a state machine with tracing enabled.
 */
class ExecutionTracingTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/sfn";
    private static final String CALLER = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
    private static final String INVOKE = """
            {"StartAt":"Reserve","States":{"Reserve":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
             "Parameters":{"FunctionName":"reserve","Payload.$":"$"},"Next":"Audit"},
             "Audit":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:audit","End":true}}}""";

    /** The trace header each function was invoked with, by function name (null: none). */
    private final Map<String, List<String>> headers = new ConcurrentHashMap<>();

    private final List<String> segments = new CopyOnWriteArrayList<>();
    private final SfnServer server = new SfnServer(b -> b.localFunctions(new LocalFunctions() {
                @Override
                public Invocation invoke(String name, String qualifier, byte[] payload, boolean asynchronous) {
                    return invoke(name, qualifier, payload, asynchronous, null);
                }

                @Override
                public Invocation invoke(
                        String name, String qualifier, byte[] payload, boolean asynchronous, String traceHeader) {
                    headers.computeIfAbsent(
                                    name.substring(name.lastIndexOf(':') + 1), k -> new CopyOnWriteArrayList<>())
                            .add(String.valueOf(traceHeader));
                    return Invocation.success("{}".getBytes(StandardCharsets.UTF_8));
                }
            })
            .segments(segments::add));

    @AfterEach
    void close() {
        server.close();
    }

    private String machine(String name, String definition, boolean tracing) {
        return server.sfn
                .createStateMachine(b ->
                        b.name(name).roleArn(ROLE).definition(definition).tracingConfiguration(t -> t.enabled(tracing)))
                .stateMachineArn();
    }

    private DescribeExecutionResponse settled(String executionArn) {
        server.settle();
        return server.sfn.describeExecution(b -> b.executionArn(executionArn));
    }

    @Test
    void theRequestsXAmznTraceIdIsTheExecutionsTraceAndEachTaskCallsUnderItsSubsegment() {
        String arn = machine("traced", INVOKE, true);

        String execution = server.sfn
                .startExecution(b -> b.stateMachineArn(arn)
                        .input("{}")
                        .traceHeader("Root=1-5759e988-000000000000000000000009;Sampled=1")
                        .overrideConfiguration(o -> o.putHeader("X-Amzn-Trace-Id", CALLER)))
                .executionArn();
        DescribeExecutionResponse done = settled(execution);

        assertThat(done.status().toString()).isEqualTo("SUCCEEDED");
        assertThat(done.traceHeader())
                .as("the header is preferred over the body")
                .isEqualTo(CALLER);
        TraceHeader reserve = TraceHeader.parse(headers.get("reserve").getFirst());
        TraceHeader audit = TraceHeader.parse(headers.get("audit").getFirst());
        assertThat(reserve.root()).isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
        assertThat(reserve.isSampled()).isTrue();
        assertThat(audit.root()).isEqualTo(reserve.root());
        assertThat(audit.parent()).isNotEqualTo(reserve.parent());

        JsonNode segment = Json.parse(segments.getLast());
        assertThat(segment.get("name").asText()).isEqualTo("traced");
        assertThat(segment.get("origin").asText()).isEqualTo("AWS::StepFunctions::StateMachine");
        assertThat(segment.get("trace_id").asText()).isEqualTo(reserve.root());
        assertThat(segment.get("parent_id").asText()).isEqualTo("53995c3f42cd8ad8");
        assertThat(segment.get("resource_arn").asText()).isEqualTo(execution);
        assertThat(segment.has("end_time")).isTrue();
        assertThat(segment.has("fault")).isFalse();
        assertThat(segment.get("subsegments").findValuesAsText("name")).containsExactly("Reserve", "Audit");
        assertThat(segment.get("subsegments").findValuesAsText("id")).containsExactly(reserve.parent(), audit.parent());
        assertThat(Json.parse(segments.getFirst()).get("in_progress").asBoolean())
                .as("written when the execution starts")
                .isTrue();
    }

    @Test
    void aLongMapKeepsItsSegmentBoundedAndLaterCallsHangUnderTheExecution() {
        String definition = """
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1,
                  "ItemProcessor": {"StartAt": "Call", "States": {"Call": {"Type": "Task",
                    "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:000000000000:function:item", "Payload.$": "$"},
                    "End": true}}}, "End": true}}}""";
        String arn = machine("long-map", definition, true);
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < ExecutionTrace.MAX_SUBSEGMENTS + 20; i++) {
            items.append(i == 0 ? "" : ",").append(i);
        }

        String execution = server.sfn
                .startExecution(b -> b.stateMachineArn(arn).input("{\"items\": [" + items + "]}"))
                .executionArn();

        assertThat(settled(execution).status().toString()).isEqualTo("SUCCEEDED");
        JsonNode segment = Json.parse(segments.getLast());
        JsonNode subsegments = segment.get("subsegments");
        assertThat(subsegments).hasSize(ExecutionTrace.MAX_SUBSEGMENTS);
        List<String> parents = headers.get("item").stream()
                .map(h -> TraceHeader.parse(h).parent())
                .toList();
        assertThat(parents).hasSize(ExecutionTrace.MAX_SUBSEGMENTS + 20);
        assertThat(parents.subList(0, ExecutionTrace.MAX_SUBSEGMENTS))
                .containsExactlyElementsOf(subsegments.findValuesAsText("id"));
        assertThat(parents.subList(ExecutionTrace.MAX_SUBSEGMENTS, parents.size()))
                .as("past the cap, calls name the execution's own segment, which is written")
                .containsOnly(segment.get("id").asText());
    }

    @Test
    void withoutACallerAStateMachineWithTracingStartsASampledTrace() {
        String arn = machine("sampled", INVOKE, true);

        settled(server.sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn());

        TraceHeader reserve = TraceHeader.parse(headers.get("reserve").getFirst());
        assertThat(reserve.isSampled()).isTrue();
        assertThat(Json.parse(segments.getLast()).get("trace_id").asText()).isEqualTo(reserve.root());
        assertThat(Json.parse(segments.getLast()).has("parent_id")).isFalse();
    }

    @Test
    void withoutACallerAndWithoutTracingTasksCallWithoutAHeaderAndNothingIsRecorded() {
        String arn = machine("untraced", INVOKE, false);

        settled(server.sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn());

        assertThat(headers.get("reserve")).containsExactly("null");
        assertThat(segments).isEmpty();
        assertThat(server.sfn
                        .describeStateMachine(b -> b.stateMachineArn(arn))
                        .tracingConfiguration()
                        .enabled())
                .isFalse();
    }

    @Test
    void aCallersDecisionNotToSampleIsPassedOnAndNotRecorded() {
        String arn = machine("declined", INVOKE, true);

        settled(server.sfn
                .startExecution(
                        b -> b.stateMachineArn(arn).traceHeader("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=0"))
                .executionArn());

        TraceHeader reserve = TraceHeader.parse(headers.get("reserve").getFirst());
        assertThat(reserve.root()).isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
        assertThat(reserve.sampled()).isFalse();
        assertThat(segments).isEmpty();
    }

    @Test
    void aChildExecutionContinuesItsParentsTrace() {
        machine("child", INVOKE, true);
        String parent = machine("parent", """
                {"StartAt":"Child","States":{"Child":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2",
                 "Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:000000000000:stateMachine:child","Input":{}},
                 "End":true}}}""", true);

        DescribeExecutionResponse done = settled(server.sfn
                .startExecution(b -> b.stateMachineArn(parent).traceHeader(CALLER))
                .executionArn());

        assertThat(done.status().toString()).isEqualTo("SUCCEEDED");
        String childArn = Json.parse(done.output()).get("ExecutionArn").asText();
        TraceHeader child = TraceHeader.parse(
                server.sfn.describeExecution(b -> b.executionArn(childArn)).traceHeader());
        assertThat(child.root()).isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
        assertThat(TraceHeader.parse(headers.get("reserve").getFirst()).root()).isEqualTo(child.root());
        JsonNode parentSegment = segments.stream()
                .map(Json::parse)
                .filter(s -> s.get("name").asText().equals("parent") && s.has("end_time"))
                .findFirst()
                .orElseThrow();
        assertThat(parentSegment.get("subsegments").get(0).get("id").asText()).isEqualTo(child.parent());
    }
}
