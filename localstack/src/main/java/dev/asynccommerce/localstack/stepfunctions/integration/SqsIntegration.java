package dev.asynccommerce.localstack.stepfunctions.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.localstack.stepfunctions.Json;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * {@code arn:aws:states:::sqs:sendMessage} and {@code .waitForTaskToken}. A MessageBody given as
 * JSON (not a string) is sent as its JSON text, as Step Functions does.
 */
public final class SqsIntegration implements ServiceIntegration {
    private final SqsClient sqs;

    public SqsIntegration(SqsClient sqs) {
        this.sqs = sqs;
    }

    @Override
    public String service() {
        return "sqs";
    }

    @Override
    public boolean supports(String action, IntegrationPattern pattern) {
        return "sendMessage".equals(action) && pattern != IntegrationPattern.RUN_JOB;
    }

    @Override
    public CompletionStage<JsonNode> call(TaskCall call) {
        JsonNode p = call.parameters();
        JsonNode body = p.get("MessageBody");
        try {
            SendMessageResponse response = sqs.sendMessage(b -> b.queueUrl(
                            p.path("QueueUrl").asText(null))
                    .messageBody(body == null ? null : body.isTextual() ? body.asText() : Json.write(body))
                    .delaySeconds(p.has("DelaySeconds") ? p.get("DelaySeconds").asInt() : null)
                    .messageGroupId(
                            p.hasNonNull("MessageGroupId")
                                    ? p.get("MessageGroupId").asText()
                                    : null)
                    .messageDeduplicationId(
                            p.hasNonNull("MessageDeduplicationId")
                                    ? p.get("MessageDeduplicationId").asText()
                                    : null)
                    .messageAttributes(attributes(p.get("MessageAttributes")))
                    .messageSystemAttributes(traced(call.traceHeader())));
            ObjectNode out = Json.object();
            out.put("MD5OfMessageBody", response.md5OfMessageBody());
            if (response.md5OfMessageAttributes() != null) {
                out.put("MD5OfMessageAttributes", response.md5OfMessageAttributes());
            }
            out.put("MessageId", response.messageId());
            if (response.sequenceNumber() != null) {
                out.put("SequenceNumber", response.sequenceNumber());
            }
            String requestId = response.responseMetadata().requestId();
            out.set("SdkHttpMetadata", SdkMetadata.http(200, requestId, "application/x-amz-json-1.0"));
            out.set("SdkResponseMetadata", SdkMetadata.response(requestId));
            return CompletableFuture.completedFuture(out);
        } catch (SdkException e) {
            throw SdkErrors.map("SQS", "AmazonSQS", e);
        }
    }

    /** The execution's trace travels as the message's AWSTraceHeader system attribute (xray-services-sqs). */
    private static Map<MessageSystemAttributeNameForSends, MessageSystemAttributeValue> traced(String traceHeader) {
        if (traceHeader == null) {
            return null;
        }
        return Map.of(
                MessageSystemAttributeNameForSends.AWS_TRACE_HEADER,
                MessageSystemAttributeValue.builder()
                        .dataType("String")
                        .stringValue(traceHeader)
                        .build());
    }

    private static Map<String, MessageAttributeValue> attributes(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        Map<String, MessageAttributeValue> out = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            JsonNode a = e.getValue();
            MessageAttributeValue.Builder value =
                    MessageAttributeValue.builder().dataType(a.path("DataType").asText("String"));
            if (a.hasNonNull("StringValue")) {
                value.stringValue(a.get("StringValue").asText());
            }
            if (a.hasNonNull("BinaryValue")) {
                value.binaryValue(SdkBytes.fromByteArray(
                        Base64.getDecoder().decode(a.get("BinaryValue").asText())));
            }
            out.put(e.getKey(), value.build());
        });
        return out;
    }
}
