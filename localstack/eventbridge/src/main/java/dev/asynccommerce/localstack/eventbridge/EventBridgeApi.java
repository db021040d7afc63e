package dev.asynccommerce.localstack.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.localstack.spi.AwsJsonProtocol;

/**
 * The EventBridge API over the AWS JSON 1.1 protocol, free of any HTTP server: the stack's endpoint
 * hands it the {@code X-Amz-Target} header ({@code AWSEvents.<Operation>}) and body of a {@code POST
 * /} and writes back the {@link AwsJsonProtocol.Response}. Field names, epoch-seconds timestamps and errors (HTTP
 * 400 {@code {"__type": ..., "message": ...}}) are AWS's, so the unmodified SDK client works against
 * it. Never throws; never answers a stack trace.
 */
public final class EventBridgeApi {
    /** The X-Amz-Target prefix of this API's operations. */
    public static final String TARGET_PREFIX = "AWSEvents.";

    private static final AwsJsonProtocol PROTOCOL = new AwsJsonProtocol(
            "1.1",
            TARGET_PREFIX,
            Json.MAPPER,
            new AwsJsonProtocol.InternalError(
                    "InternalException", "The local EventBridge failed to process the request"));

    private final EventBridge events;

    public EventBridgeApi(EventBridge events) {
        this.events = events;
    }

    /** Whether {@code amzTarget} names an operation of this API (for routing on a shared endpoint). */
    public static boolean handles(String amzTarget) {
        return PROTOCOL.handles(amzTarget);
    }

    /** Handles one call. */
    public AwsJsonProtocol.Response handle(String amzTarget, byte[] body) {
        return handle(amzTarget, body, null);
    }

    /**
     * Handles one call with the request's {@code X-Amzn-Trace-Id} header (null when absent): PutEvents
     * hands it to the targets of entries without a {@code TraceHeader} of their own.
     */
    public AwsJsonProtocol.Response handle(String amzTarget, byte[] body, String traceHeader) {
        return PROTOCOL.handle(amzTarget, body, (operation, r) -> dispatch(operation, r, traceHeader));
    }

    private ObjectNode dispatch(String operation, JsonNode r, String traceHeader) {
        return switch (operation) {
            case "CreateEventBus" -> events.createEventBus(r);
            case "DescribeEventBus" -> events.describeEventBus(r);
            case "DeleteEventBus" -> events.deleteEventBus(r);
            case "ListEventBuses" -> events.listEventBuses(r);
            case "PutRule" -> events.putRule(r);
            case "DescribeRule" -> events.describeRule(r);
            case "DeleteRule" -> events.deleteRule(r);
            case "ListRules" -> events.listRules(r);
            case "EnableRule" -> events.setRuleState(r, "ENABLED");
            case "DisableRule" -> events.setRuleState(r, "DISABLED");
            case "PutTargets" -> events.putTargets(r);
            case "RemoveTargets" -> events.removeTargets(r);
            case "ListTargetsByRule" -> events.listTargetsByRule(r);
            case "PutEvents" -> events.putEvents(r, traceHeader);
            case "TestEventPattern" -> events.testEventPattern(r);
            case "CreateArchive" -> events.createArchive(r);
            case "DescribeArchive" -> events.describeArchive(r);
            case "DeleteArchive" -> events.deleteArchive(r);
            case "ListArchives" -> events.listArchives(r);
            case "StartReplay" -> events.startReplay(r);
            case "DescribeReplay" -> events.describeReplay(r);
            case "ListReplays" -> events.listReplays(r);
            default -> throw new ApiException("UnknownOperationException", "Unknown operation " + operation);
        };
    }
}
