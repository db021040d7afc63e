package dev.asynccommerce.localstack.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.xray.XRayClient;
import software.amazon.awssdk.services.xray.model.BatchGetTracesResponse;
import software.amazon.awssdk.services.xray.model.InvalidRequestException;
import software.amazon.awssdk.services.xray.model.PutTraceSegmentsResponse;
import software.amazon.awssdk.services.xray.model.TraceSummary;

/**
 * The stack's X-Ray API through the unmodified SDK {@link XRayClient}, and SQS keeping a trace header
 * through the stack's endpoint (ElasticMQ behind the gateway): the {@code AWSTraceHeader} system
 * attribute, else the request's {@code X-Amzn-Trace-Id}.
 */
class XRayApiIT {
    private static final Instant START = Instant.parse("2026-11-21T09:00:00Z");
    private static final String ROOT = "1-5759e988-bd862e3fe1be46a994272793";
    private static LocalStack stack;
    private static XRayClient xray;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStack.Options.defaults().withPort(0).withManualClock(START));
        xray = StackClients.of(stack, XRayClient.builder()).build();
        sqs = StackClients.of(stack, SqsClient.builder()).build();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @BeforeEach
    void reset() throws Exception {
        HttpResponse<String> reset = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(stack.endpoint().resolve("/_local/reset"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(reset.statusCode()).isEqualTo(200);
    }

    private static String segment(String id, String name, String root, double start, Double end) {
        return "{\"name\":\"" + name + "\",\"id\":\"" + id + "\",\"trace_id\":\"" + root + "\",\"start_time\":" + start
                + (end == null ? ",\"in_progress\":true}" : ",\"end_time\":" + end + "}");
    }

    private static double seconds(Instant at) {
        return at.getEpochSecond();
    }

    @Test
    void putSegmentsAreReadBackByTraceIdAndALaterDocumentReplacesTheInProgressOne() {
        double t = seconds(START);
        String first = segment("1111111111111111", "checkout", ROOT, t, null);
        String done = segment("1111111111111111", "checkout", ROOT, t, t + 2);
        String other = segment("2222222222222222", "payments", ROOT, t + 1, t + 1.5);

        PutTraceSegmentsResponse put =
                xray.putTraceSegments(b -> b.traceSegmentDocuments(first, other, "{\"not\":\"a segment\"}"));
        xray.putTraceSegments(b -> b.traceSegmentDocuments(done));
        BatchGetTracesResponse got = xray.batchGetTraces(b -> b.traceIds(ROOT, "1-5759e988-000000000000000000000000"));

        assertThat(put.unprocessedTraceSegments()).hasSize(1);
        assertThat(put.unprocessedTraceSegments().getFirst().message()).isEqualTo("Invalid trace_id.");
        assertThat(got.traces()).hasSize(1);
        assertThat(got.traces().getFirst().id()).isEqualTo(ROOT);
        assertThat(got.traces().getFirst().duration()).isEqualTo(2.0);
        assertThat(got.traces().getFirst().segments())
                .extracting(s -> s.id() + "=" + s.document())
                .containsExactly("1111111111111111=" + done, "2222222222222222=" + other);
    }

    @Test
    void summariesAreFoundByTimeRangeAndByServiceName() {
        double t = seconds(START);
        String other = "1-5759e988-000000000000000000000001";
        xray.putTraceSegments(b -> b.traceSegmentDocuments(
                segment("1111111111111111", "checkout", ROOT, t, t + 1),
                segment("2222222222222222", "audit", other, t + 3600, t + 3601)));

        List<TraceSummary> firstHour = xray.getTraceSummaries(
                        b -> b.startTime(START.minusSeconds(1)).endTime(START.plus(Duration.ofMinutes(30))))
                .traceSummaries();
        List<TraceSummary> checkout = xray.getTraceSummaries(b -> b.startTime(START.minusSeconds(1))
                        .endTime(START.plus(Duration.ofHours(2)))
                        .filterExpression("service(\"checkout\")"))
                .traceSummaries();

        assertThat(firstHour).extracting(TraceSummary::id).containsExactly(ROOT);
        assertThat(checkout).extracting(TraceSummary::id).containsExactly(ROOT);
        TraceSummary summary = checkout.getFirst();
        assertThat(summary.duration()).isEqualTo(1.0);
        assertThat(summary.isPartial()).isFalse();
        assertThat(summary.hasFault()).isFalse();
        assertThat(summary.serviceIds()).extracting(s -> s.name()).containsExactly("checkout");
    }

    @Test
    void whatTheLocalXRayCannotAnswerIsAnInvalidRequestException() {
        InvalidRequestException filter = catchThrowableOfType(
                InvalidRequestException.class,
                () -> xray.getTraceSummaries(
                        b -> b.startTime(START).endTime(START.plusSeconds(60)).filterExpression("responsetime > 5")));
        InvalidRequestException tooMany = catchThrowableOfType(
                InvalidRequestException.class,
                () -> xray.batchGetTraces(b -> b.traceIds(ROOT, ROOT + "1", ROOT + "2", ROOT + "3", ROOT + "4", "x")));

        assertThat(filter.statusCode()).isEqualTo(400);
        assertThat(filter.awsErrorDetails().errorMessage()).contains("responsetime > 5");
        assertThat(tooMany.awsErrorDetails().errorCode()).isEqualTo("InvalidRequestException");
    }

    @Test
    void aResetEmptiesTheStore() throws Exception {
        xray.putTraceSegments(b -> b.traceSegmentDocuments(segment("1111111111111111", "x", ROOT, 1, 2.0)));
        assertThat(xray.batchGetTraces(b -> b.traceIds(ROOT)).traces()).hasSize(1);

        reset();

        assertThat(xray.batchGetTraces(b -> b.traceIds(ROOT)).traces()).isEmpty();
    }

    @Test
    void sqsKeepsTheTraceHeaderAsAwsTraceHeaderThroughTheEndpoint() {
        String url =
                sqs.createQueue(b -> b.queueName("traced-" + System.nanoTime())).queueUrl();
        String fromHeader = "Root=" + ROOT + ";Parent=53995c3f42cd8ad8;Sampled=1";
        String fromAttribute = "Root=1-5759e988-000000000000000000000002;Parent=1111111111111111;Sampled=1";
        MessageSystemAttributeValue attribute = MessageSystemAttributeValue.builder()
                .dataType("String")
                .stringValue(fromAttribute)
                .build();

        sqs.sendMessage(b -> b.queueUrl(url)
                .messageBody("header")
                .overrideConfiguration(o -> o.putHeader("X-Amzn-Trace-Id", fromHeader)));
        sqs.sendMessage(b -> b.queueUrl(url)
                .messageBody("attribute")
                .messageSystemAttributes(Map.of(MessageSystemAttributeNameForSends.AWS_TRACE_HEADER, attribute))
                .overrideConfiguration(o -> o.putHeader("X-Amzn-Trace-Id", fromHeader)));
        sqs.sendMessageBatch(b -> b.queueUrl(url)
                .entries(
                        SendMessageBatchRequestEntry.builder()
                                .id("1")
                                .messageBody("batch")
                                .build(),
                        SendMessageBatchRequestEntry.builder()
                                .id("2")
                                .messageBody("batch-attribute")
                                .messageSystemAttributes(
                                        Map.of(MessageSystemAttributeNameForSends.AWS_TRACE_HEADER, attribute))
                                .build())
                .overrideConfiguration(o -> o.putHeader("X-Amzn-Trace-Id", fromHeader)));
        List<Message> received = sqs.receiveMessage(b -> b.queueUrl(url)
                        .maxNumberOfMessages(10)
                        .messageSystemAttributeNames(MessageSystemAttributeName.AWS_TRACE_HEADER))
                .messages();

        Map<String, String> headerByBody = new java.util.HashMap<>();
        received.forEach(
                m -> headerByBody.put(m.body(), m.attributes().get(MessageSystemAttributeName.AWS_TRACE_HEADER)));
        // The system attribute wins over the HTTP header (xray-services-sqs).
        assertThat(headerByBody)
                .containsEntry("header", fromHeader)
                .containsEntry("attribute", fromAttribute)
                .containsEntry("batch", fromHeader)
                .containsEntry("batch-attribute", fromAttribute);
    }
}
