package dev.asynccommerce.localstack.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How {@link SqsQueryProtocol} reads query-protocol calls (form parameters, XML answers as ElasticMQ
 * and SQS write them) into the JSON protocol's shapes; {@code SqsVisibilityTimeoutsIT} sends the same
 * kind of calls through the stack to the real ElasticMQ.
 */
class SqsQueryProtocolTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final URI ELASTIC_MQ = URI.create("http://127.0.0.1:9324/");
    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";
    private static final String QUEUE = "http://localhost:4566/000000000000/orders";
    private static final String QUEUE_PARAMETER = "QueueUrl=http%3A%2F%2Flocalhost%3A4566%2F000000000000%2Forders";
    private static final String NAMESPACE = "xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\"";

    private static Optional<SqsQueryProtocol.JsonCall> read(String path, String query, String form, String answer) {
        return SqsQueryProtocol.toJson(
                path,
                query,
                form == null ? null : FORM,
                form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8),
                answer.getBytes(StandardCharsets.UTF_8),
                ELASTIC_MQ);
    }

    private static JsonNode json(byte[] body) throws IOException {
        return JSON.readTree(body);
    }

    @Test
    void aReceiveGivesItsQueueTimeoutAndEveryMessagesIdAndReceipt() throws Exception {
        String answer = "<ReceiveMessageResponse " + NAMESPACE + "><ReceiveMessageResult>"
                + "<Message><MessageId>m1</MessageId><ReceiptHandle>r1+a/b=</ReceiptHandle><Body>x</Body>"
                + "<Attribute><Name>SenderId</Name><Value>1</Value></Attribute></Message>"
                + "<Message><MessageId>m2</MessageId><ReceiptHandle>r2&amp;</ReceiptHandle><Body>y</Body></Message>"
                + "</ReceiveMessageResult><ResponseMetadata><RequestId>x</RequestId></ResponseMetadata>"
                + "</ReceiveMessageResponse>";

        SqsQueryProtocol.JsonCall call = read(
                        "/",
                        null,
                        "Action=ReceiveMessage&Version=2012-11-05&" + QUEUE_PARAMETER
                                + "&VisibilityTimeout=300&MaxNumberOfMessages=10",
                        answer)
                .orElseThrow();

        assertThat(call.operation()).isEqualTo("ReceiveMessage");
        assertThat(json(call.request()))
                .isEqualTo(JSON.readTree("{\"QueueUrl\":\"" + QUEUE + "\",\"VisibilityTimeout\":300}"));
        assertThat(json(call.response()))
                .isEqualTo(JSON.readTree("{\"Messages\":[{\"MessageId\":\"m1\",\"ReceiptHandle\":\"r1+a/b=\"},"
                        + "{\"MessageId\":\"m2\",\"ReceiptHandle\":\"r2&\"}]}"));
    }

    @Test
    void aQueueNamedOnlyByThePathIsReachedAtElasticMqAndParametersMayComeInTheQueryString() throws Exception {
        String answer = "<ReceiveMessageResponse><ReceiveMessageResult/></ReceiveMessageResponse>";

        SqsQueryProtocol.JsonCall call = read(
                        "/000000000000/orders", "Action=ReceiveMessage&Version=2012-11-05", null, answer)
                .orElseThrow();

        assertThat(json(call.request()))
                .isEqualTo(JSON.readTree("{\"QueueUrl\":\"http://127.0.0.1:9324/000000000000/orders\"}"));
        assertThat(json(call.response()).path("Messages")).isEmpty();
    }

    @Test
    void aBatchGivesItsEntriesInOrderAndOnlyTheSuccessfulIds() throws Exception {
        String answer = "<ChangeMessageVisibilityBatchResponse " + NAMESPACE
                + "><ChangeMessageVisibilityBatchResult>"
                + "<ChangeMessageVisibilityBatchResultEntry><Id>b</Id></ChangeMessageVisibilityBatchResultEntry>"
                + "<BatchResultErrorEntry><Id>a</Id><Code>ReceiptHandleIsInvalid</Code></BatchResultErrorEntry>"
                + "</ChangeMessageVisibilityBatchResult></ChangeMessageVisibilityBatchResponse>";
        String entries = "&ChangeMessageVisibilityBatchRequestEntry.2.Id=b"
                + "&ChangeMessageVisibilityBatchRequestEntry.2.ReceiptHandle=r2"
                + "&ChangeMessageVisibilityBatchRequestEntry.2.VisibilityTimeout=900"
                + "&ChangeMessageVisibilityBatchRequestEntry.1.Id=a"
                + "&ChangeMessageVisibilityBatchRequestEntry.1.ReceiptHandle=r1"
                + "&ChangeMessageVisibilityBatchRequestEntry.1.VisibilityTimeout=60";

        SqsQueryProtocol.JsonCall call = read(
                        "/",
                        null,
                        "Action=ChangeMessageVisibilityBatch&Version=2012-11-05&" + QUEUE_PARAMETER + entries,
                        answer)
                .orElseThrow();

        assertThat(json(call.request()))
                .isEqualTo(JSON.readTree("{\"QueueUrl\":\"" + QUEUE + "\",\"Entries\":["
                        + "{\"Id\":\"a\",\"ReceiptHandle\":\"r1\",\"VisibilityTimeout\":60},"
                        + "{\"Id\":\"b\",\"ReceiptHandle\":\"r2\",\"VisibilityTimeout\":900}]}"));
        assertThat(json(call.response())).isEqualTo(JSON.readTree("{\"Successful\":[{\"Id\":\"b\"}]}"));
    }

    @Test
    void aBatchDeleteAndACreatedQueueAreRead() throws Exception {
        SqsQueryProtocol.JsonCall deleted = read(
                        "/",
                        null,
                        "Action=DeleteMessageBatch&" + QUEUE_PARAMETER
                                + "&DeleteMessageBatchRequestEntry.1.Id=0&DeleteMessageBatchRequestEntry.1.ReceiptHandle=r1",
                        "<DeleteMessageBatchResponse><DeleteMessageBatchResult><DeleteMessageBatchResultEntry>"
                                + "<Id>0</Id></DeleteMessageBatchResultEntry></DeleteMessageBatchResult>"
                                + "</DeleteMessageBatchResponse>")
                .orElseThrow();
        SqsQueryProtocol.JsonCall created = read(
                        "/",
                        null,
                        "Action=CreateQueue&QueueName=orders&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=60",
                        "<CreateQueueResponse " + NAMESPACE + "><CreateQueueResult><QueueUrl>" + QUEUE
                                + "</QueueUrl></CreateQueueResult></CreateQueueResponse>")
                .orElseThrow();

        assertThat(json(deleted.request()))
                .isEqualTo(JSON.readTree(
                        "{\"QueueUrl\":\"" + QUEUE + "\",\"Entries\":[{\"Id\":\"0\",\"ReceiptHandle\":\"r1\"}]}"));
        assertThat(json(deleted.response())).isEqualTo(JSON.readTree("{\"Successful\":[{\"Id\":\"0\"}]}"));
        assertThat(json(created.response()).path("QueueUrl").asText()).isEqualTo(QUEUE);
    }

    @Test
    void operationsThatHideNothingAreNotRead() {
        assertThat(read(
                        "/",
                        null,
                        "Action=SendMessage&" + QUEUE_PARAMETER + "&MessageBody=x",
                        "<SendMessageResponse/>"))
                .isEmpty();
        assertThat(read("/", null, "Version=2012-11-05", "<x/>")).isEmpty();
    }

    @Test
    void whatCannotBeReadIsLeftAlone() {
        String receive = "Action=ReceiveMessage&" + QUEUE_PARAMETER;
        assertThat(read("/", null, receive, "not xml")).as("not XML").isEmpty();
        assertThat(read("/", null, receive, "<DeleteMessageResponse/>"))
                .as("another action's answer")
                .isEmpty();
        assertThat(read("/", null, receive + "&VisibilityTimeout=soon", "<ReceiveMessageResponse/>"))
                .as("a timeout that is no number")
                .isEmpty();
        assertThat(read(
                        "/",
                        null,
                        receive,
                        "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                                + "<ReceiveMessageResponse><ReceiveMessageResult><Message><MessageId>&x;</MessageId>"
                                + "<ReceiptHandle>r</ReceiptHandle></Message></ReceiveMessageResult>"
                                + "</ReceiveMessageResponse>"))
                .as("a document type, never read")
                .isEmpty();
    }

    @Test
    void aFormBodyIsReadOnlyAsAForm() {
        assertThat(SqsQueryProtocol.toJson(
                        "/",
                        null,
                        "application/json",
                        ("Action=DeleteMessage&" + QUEUE_PARAMETER + "&ReceiptHandle=r1")
                                .getBytes(StandardCharsets.UTF_8),
                        "<DeleteMessageResponse/>".getBytes(StandardCharsets.UTF_8),
                        ELASTIC_MQ))
                .isEmpty();
    }
}
