package dev.asynccommerce.localstack.eventbridge.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * One delivery of one event to one target.
 *
 * @param ruleArn the rule that matched
 * @param targetId the target's {@code Id}
 * @param targetArn the target's {@code Arn}
 * @param eventId the event's {@code id}
 * @param input what the target receives: the event, or the result of Input/InputPath/InputTransformer
 * @param target the target exactly as PutTargets stored it (SqsParameters, RoleArn, ...), read-only
 * @param traceHeader the X-Ray trace header the event was put with, or null: targets continue that trace
 *     (a Lambda invocation, a state machine execution, an SQS message's {@code AWSTraceHeader})
 */
public record TargetRequest(
        String ruleArn,
        String targetId,
        String targetArn,
        String eventId,
        String input,
        ObjectNode target,
        String traceHeader) {

    /** A delivery outside any trace. */
    public TargetRequest(
            String ruleArn, String targetId, String targetArn, String eventId, String input, ObjectNode target) {
        this(ruleArn, targetId, targetArn, eventId, input, target, null);
    }

    /** {@code SqsParameters.MessageGroupId}, required by AWS for a FIFO queue target. */
    public Optional<String> messageGroupId() {
        JsonNode id = target.path("SqsParameters").path("MessageGroupId");
        return id.isTextual() ? Optional.of(id.asText()) : Optional.empty();
    }
}
