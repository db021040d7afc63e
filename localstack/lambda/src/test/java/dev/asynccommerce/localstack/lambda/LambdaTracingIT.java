package dev.asynccommerce.localstack.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asynccommerce.localstack.lambda.handlers.TraceHandler;
import dev.asynccommerce.localstack.spi.ManualTimers;
import dev.asynccommerce.localstack.spi.TraceContext;
import dev.asynccommerce.localstack.spi.TraceHeader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * X-Ray through the local Lambda, with functions in child JVMs: the trace header a function runs under
 * (where the runtime puts it for the AWS SDK), the caller's trace kept across the Invoke API and the
 * Java API, the sampling decision by TracingConfig, and the segments recorded for sampled invocations
 * of actively traced functions.
 */
class LambdaTracingIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLER = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    @TempDir
    static Path work;

    static LambdaService lambda;
    static LambdaApi api;
    static final List<String> segments = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        lambda = LambdaService.builder()
                .workDirectory(work)
                .timers(new ManualTimers(Instant.parse("2026-11-21T10:00:00Z")))
                .segments(segments::add)
                .build();
        lambda.createFunction(function("active").withTracing(TracingMode.ACTIVE));
        lambda.createFunction(function("passthrough"));
        api = new LambdaApi(lambda);
    }

    @AfterAll
    static void stop() {
        if (lambda != null) {
            lambda.close();
        }
    }

    @BeforeEach
    void forgetSegments() {
        segments.clear();
    }

    private static FunctionDefinition function(String name) {
        return FunctionDefinition.of(
                        name, TraceHandler.class.getName() + "::handleRequest", LambdaInvokeIT.testClasses(), Map.of())
                .withTimeout(Duration.ofSeconds(20));
    }

    @Test
    void anInvokeWithXAmznTraceIdContinuesTheCallersTraceUnderANewParent() throws Exception {
        LambdaApi.ApiResponse response = api.handle(
                "POST",
                "/2015-03-31/functions/active/invocations",
                Map.of(),
                Map.of("x-amzn-trace-id", CALLER),
                "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(200);
        JsonNode seen = JSON.readTree(response.body());
        TraceHeader header = TraceHeader.parse(seen.path("systemProperty").asText());
        assertThat(header.root()).isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
        assertThat(header.parent()).isNotNull().isNotEqualTo("53995c3f42cd8ad8");
        assertThat(header.isSampled()).isTrue();

        JsonNode service = segment("AWS::Lambda");
        JsonNode function = segment("AWS::Lambda::Function");
        assertThat(service.path("name").asText()).isEqualTo("active");
        assertThat(service.path("trace_id").asText()).isEqualTo(header.root());
        assertThat(service.path("parent_id").asText()).isEqualTo("53995c3f42cd8ad8");
        assertThat(service.path("aws").path("request_id").asText())
                .isEqualTo(response.headers().get("x-amzn-RequestId"));
        assertThat(function.path("name").asText()).isEqualTo("active");
        assertThat(function.path("id").asText()).isEqualTo(header.parent());
        assertThat(function.path("parent_id").asText())
                .isEqualTo(service.path("id").asText());
        assertThat(function.path("end_time").asDouble())
                .isGreaterThanOrEqualTo(function.path("start_time").asDouble());
    }

    @Test
    void eachInvocationWithoutACallerTraceStartsItsOwnTraceSampledByActiveTracing() throws Exception {
        TraceHeader first = seen(invoke("active", TraceContext.NONE));
        TraceHeader second = seen(invoke("active", TraceContext.NONE));

        assertThat(first.isSampled()).isTrue();
        assertThat(second.isSampled()).isTrue();
        assertThat(first.root()).isNotEqualTo(second.root());
        assertThat(segments).hasSize(4);
    }

    @Test
    void aPassThroughFunctionSamplesNothingOfItsOwn() throws Exception {
        TraceHeader own = seen(invoke("passthrough", TraceContext.NONE));

        assertThat(own.sampled()).isFalse();
        assertThat(segments).isEmpty();
    }

    @Test
    void aPassThroughFunctionRecordsWhatItsCallerSampled() throws Exception {
        // TracingConfig: PassThrough traces a request whose upstream header says Sampled=1.
        TraceHeader continued = seen(invoke("passthrough", TraceContext.continuing(CALLER)));

        assertThat(continued.root()).isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
        assertThat(continued.isSampled()).isTrue();
        assertThat(segments).hasSize(2);
        assertThat(continued.parent())
                .as("the function's calls hang under its recorded segment")
                .isEqualTo(segment("AWS::Lambda::Function").path("id").asText());
    }

    @Test
    void theCallersDecisionNotToSampleIsKeptByAnActiveFunction() throws Exception {
        TraceHeader header =
                seen(invoke("active", TraceContext.continuing("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=0")));

        assertThat(header.root()).isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
        assertThat(header.sampled()).isFalse();
        assertThat(segments).isEmpty();
        assertThat(header.parent()).as("no segment was recorded to be a parent").isNull();
    }

    @Test
    void aLinkedInvocationStartsANewTraceWhoseLambdaSegmentLinksToTheProducers() throws Exception {
        String producer = "Root=1-5759e988-000000000000000000000001;Parent=1111111111111111;Sampled=1";

        TraceHeader header = seen(invoke("active", TraceContext.linkedTo(List.of(producer))));

        assertThat(header.root()).isNotEqualTo("1-5759e988-000000000000000000000001");
        JsonNode service = segment("AWS::Lambda");
        assertThat(service.path("trace_id").asText()).isEqualTo(header.root());
        assertThat(service.has("parent_id")).isFalse();
        assertThat(service.path("links").get(0).path("trace_id").asText())
                .isEqualTo("1-5759e988-000000000000000000000001");
        assertThat(service.path("links").get(0).path("id").asText()).isEqualTo("1111111111111111");
    }

    private static InvocationResult invoke(String function, TraceContext trace) {
        return lambda.invoke(
                function, null, "{}".getBytes(StandardCharsets.UTF_8), InvocationType.RequestResponse, null, trace);
    }

    private static TraceHeader seen(InvocationResult result) throws IOException {
        assertThat(result.functionError()).isNull();
        JsonNode seen = JSON.readTree(result.payload());
        assertThat(seen.hasNonNull("environment"))
                .as("_X_AMZN_TRACE_ID is not set in Java runtimes")
                .isFalse();
        return TraceHeader.parse(seen.path("systemProperty").asText());
    }

    private static JsonNode segment(String origin) throws IOException {
        for (String document : segments) {
            JsonNode node = JSON.readTree(document);
            if (node.path("origin").asText().equals(origin)) {
                return node;
            }
        }
        throw new AssertionError("no " + origin + " segment among " + segments);
    }
}
