package dev.asynccommerce.localstack.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The EventBridge API over the AWS JSON 1.1 protocol, free of any HTTP server: the stack's endpoint
 * hands it the {@code X-Amz-Target} header ({@code AWSEvents.<Operation>}) and body of a {@code POST
 * /} and writes back the {@link ApiResponse}. Field names, epoch-seconds timestamps and errors (HTTP
 * 400 {@code {"__type": ..., "message": ...}}) are AWS's, so the unmodified SDK client works against
 * it. Never throws; never answers a stack trace.
 */
public final class EventBridgeApi {
    /** The content type of every request and response. */
    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    /** The X-Amz-Target prefix of this API's operations. */
    public static final String TARGET_PREFIX = "AWSEvents.";

    private static final Logger LOG = LogManager.getLogger(EventBridgeApi.class);

    private final EventBridge events;

    public EventBridgeApi(EventBridge events) {
        this.events = events;
    }

    /** An HTTP response: status, content type and body. */
    public record ApiResponse(int status, String contentType, byte[] body) {
        /** The body as UTF-8 text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Whether {@code amzTarget} names an operation of this API (for routing on a shared endpoint). */
    public static boolean handles(String amzTarget) {
        return amzTarget != null && amzTarget.startsWith(TARGET_PREFIX);
    }

    /** Handles one call. */
    public ApiResponse handle(String amzTarget, byte[] body) {
        try {
            if (!handles(amzTarget)) {
                throw new ApiException("UnknownOperationException", "Unknown operation " + amzTarget);
            }
            JsonNode request;
            try {
                request = body == null || body.length == 0 ? Json.object() : Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new ApiException("SerializationException", "Malformed JSON request body");
            }
            if (request == null || !request.isObject()) {
                throw new ApiException("SerializationException", "The request body must be a JSON object");
            }
            ObjectNode response = dispatch(amzTarget.substring(TARGET_PREFIX.length()), request);
            return new ApiResponse(200, CONTENT_TYPE, Json.MAPPER.writeValueAsBytes(response));
        } catch (ApiException e) {
            return error(400, e.type(), e.getMessage());
        } catch (Exception e) {
            LOG.error("EventBridge API call {} failed", amzTarget, e);
            return error(500, "InternalException", "The local EventBridge failed to process the request");
        }
    }

    private static ApiResponse error(int status, String type, String message) {
        ObjectNode body = Json.object().put("__type", type).put("message", message);
        return new ApiResponse(status, CONTENT_TYPE, Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    private ObjectNode dispatch(String operation, JsonNode r) {
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
            case "PutEvents" -> events.putEvents(r);
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
