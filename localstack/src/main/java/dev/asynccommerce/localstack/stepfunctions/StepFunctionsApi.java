package dev.asynccommerce.localstack.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.localstack.spi.AwsJsonProtocol;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The Step Functions API over the AWS JSON 1.0 protocol, free of any HTTP server: the local stack's
 * endpoint hands it the {@code X-Amz-Target} header and the request body of a {@code POST /} and
 * writes back the {@link AwsJsonProtocol.Response}. Field names, epoch-seconds timestamps and error shapes ({@code
 * {"__type": ..., "message": ...}} with HTTP 400) are AWS's, so the unmodified SDK client works
 * against it.
 */
public final class StepFunctionsApi {
    /** The X-Amz-Target prefix of this API's operations. */
    public static final String TARGET_PREFIX = "AWSStepFunctions.";

    private static final AwsJsonProtocol PROTOCOL = new AwsJsonProtocol(
            "1.0",
            TARGET_PREFIX,
            Json.MAPPER,
            new AwsJsonProtocol.InternalError(
                    "InternalFailure", "The local Step Functions engine failed to process the request"));
    private static final Duration SYNC_LIMIT = Duration.ofMinutes(5);

    private final StepFunctionsEngine engine;

    public StepFunctionsApi(StepFunctionsEngine engine) {
        this.engine = engine;
    }

    /** Whether {@code amzTarget} names an operation of this API (for routing on a shared endpoint). */
    public static boolean handles(String amzTarget) {
        return PROTOCOL.handles(amzTarget);
    }

    /** Handles one call; never throws, never answers a Java stack trace. */
    public AwsJsonProtocol.Response handle(String amzTarget, byte[] body) {
        return handle(amzTarget, body, null);
    }

    /**
     * Handles one call with the request's {@code X-Amzn-Trace-Id} header (null when absent). StartExecution
     * and StartSyncExecution prefer it to the body's {@code traceHeader}: "If both sources are provided, Step
     * Functions will use the header value (preferred) over the value in the request body" (StartExecution
     * API reference).
     */
    public AwsJsonProtocol.Response handle(String amzTarget, byte[] body, String traceHeader) {
        return PROTOCOL.handle(amzTarget, body, (operation, r) -> dispatch(operation, r, traceHeader));
    }

    private JsonNode dispatch(String operation, JsonNode r, String httpTraceHeader) throws Exception {
        return switch (operation) {
            case "CreateStateMachine" -> {
                StateMachine m = engine.createStateMachine(
                        required(r, "name"),
                        required(r, "definition"),
                        required(r, "roleArn"),
                        text(r, "type"),
                        r.path("tracingConfiguration").path("enabled").asBoolean(false));
                yield Json.object()
                        .put("stateMachineArn", m.arn())
                        .put("creationDate", Timestamps.epochSeconds(m.creationDate()));
            }
            case "DescribeStateMachine" -> describeMachine(engine.machine(required(r, "stateMachineArn")));
            case "UpdateStateMachine" -> {
                JsonNode tracing = r.path("tracingConfiguration").path("enabled");
                StateMachine m = engine.updateStateMachine(
                        required(r, "stateMachineArn"),
                        text(r, "definition"),
                        text(r, "roleArn"),
                        tracing.isBoolean() ? tracing.asBoolean() : null);
                yield Json.object()
                        .put(
                                "updateDate",
                                Timestamps.epochSeconds(engine.clock().now()))
                        .put("revisionId", m.revisionId());
            }
            case "DeleteStateMachine" -> {
                engine.deleteStateMachine(required(r, "stateMachineArn"));
                yield Json.object();
            }
            case "ListStateMachines" ->
                page(
                        r,
                        "stateMachines",
                        engine.machines(),
                        1000,
                        m -> Json.object()
                                .put("stateMachineArn", m.arn())
                                .put("name", m.name())
                                .put("type", m.type())
                                .put("creationDate", Timestamps.epochSeconds(m.creationDate())));
            case "StartExecution" -> {
                Execution e = engine.start(
                        required(r, "stateMachineArn"),
                        text(r, "name"),
                        text(r, "input"),
                        traceHeader(httpTraceHeader, r));
                yield Json.object().put("executionArn", e.arn).put("startDate", Timestamps.epochSeconds(e.startDate));
            }
            case "StartSyncExecution" -> startSync(r, traceHeader(httpTraceHeader, r));
            case "DescribeExecution" -> describeExecution(engine.execution(required(r, "executionArn")));
            case "StopExecution" -> {
                Instant stopped = engine.stop(required(r, "executionArn"), text(r, "error"), text(r, "cause"));
                yield Json.object().put("stopDate", Timestamps.epochSeconds(stopped));
            }
            case "ListExecutions" -> {
                // AWS keeps no list of Express executions (their record is CloudWatch Logs).
                if (engine.machine(required(r, "stateMachineArn")).express()) {
                    throw typeNotSupported();
                }
                yield page(
                        r,
                        "executions",
                        engine.executions(required(r, "stateMachineArn"), text(r, "statusFilter")),
                        1000,
                        this::listItem);
            }
            case "GetExecutionHistory" -> history(r);
            case "SendTaskSuccess" -> {
                engine.sendTaskSuccess(required(r, "taskToken"), required(r, "output"));
                yield Json.object();
            }
            case "SendTaskFailure" -> {
                engine.sendTaskFailure(required(r, "taskToken"), text(r, "error"), text(r, "cause"));
                yield Json.object();
            }
            case "SendTaskHeartbeat" -> {
                engine.sendTaskHeartbeat(required(r, "taskToken"));
                yield Json.object();
            }
            case "RedriveExecution" -> {
                Instant at = engine.redrive(required(r, "executionArn"));
                yield Json.object().put("redriveDate", Timestamps.epochSeconds(at));
            }
            default -> throw new ApiException("UnknownOperationException", "Unknown operation " + operation);
        };
    }

    private static String traceHeader(String httpTraceHeader, JsonNode r) {
        return httpTraceHeader != null && !httpTraceHeader.isBlank() ? httpTraceHeader : text(r, "traceHeader");
    }

    private static String text(JsonNode r, String field) {
        JsonNode value = r.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String required(JsonNode r, String field) {
        String value = text(r, field);
        if (value == null) {
            throw new ApiException(
                    "ValidationException",
                    "1 validation error detected: Value null at '" + field
                            + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    private static ObjectNode describeMachine(StateMachine m) {
        ObjectNode out = Json.object()
                .put("stateMachineArn", m.arn())
                .put("name", m.name())
                .put("status", "ACTIVE")
                .put("definition", m.definitionText())
                .put("roleArn", m.roleArn())
                .put("type", m.type())
                .put("creationDate", Timestamps.epochSeconds(m.creationDate()))
                .put("revisionId", m.revisionId());
        out.putObject("loggingConfiguration").put("level", "OFF").put("includeExecutionData", false);
        out.putObject("tracingConfiguration").put("enabled", m.tracingEnabled());
        return out;
    }

    private ObjectNode listItem(Execution e) {
        ObjectNode out = Json.object()
                .put("executionArn", e.arn)
                .put("stateMachineArn", e.machine.arn())
                .put("name", e.name)
                .put("status", e.status().name())
                .put("startDate", Timestamps.epochSeconds(e.startDate));
        if (e.stopDate() != null) {
            out.put("stopDate", Timestamps.epochSeconds(e.stopDate()));
        }
        if (e.redriveCount() > 0) {
            out.put("redriveCount", e.redriveCount());
            out.put("redriveDate", Timestamps.epochSeconds(e.redriveDate()));
        }
        return out;
    }

    private ObjectNode describeExecution(Execution e) {
        ObjectNode out = listItem(e);
        out.put("input", e.inputText);
        out.putObject("inputDetails").put("included", true);
        if (e.output() != null) {
            out.put("output", e.output());
            out.putObject("outputDetails").put("included", true);
        }
        if (e.error() != null) {
            out.put("error", e.error());
        }
        if (e.cause() != null) {
            out.put("cause", e.cause());
        }
        if (e.traceHeader != null) {
            out.put("traceHeader", e.traceHeader);
        }
        out.put("redriveCount", e.redriveCount());
        String notRedrivable = e.notRedrivableReason(engine.clock().now());
        if (notRedrivable == null) {
            out.put("redriveStatus", "REDRIVABLE");
        } else {
            out.put("redriveStatus", "NOT_REDRIVABLE");
            out.put("redriveStatusReason", notRedrivable);
        }
        return out;
    }

    private static ApiException typeNotSupported() {
        return new ApiException(
                "StateMachineTypeNotSupported", "This operation is not supported by this type of state machine");
    }

    private JsonNode startSync(JsonNode r, String traceHeader) throws Exception {
        StateMachine machine = engine.machine(required(r, "stateMachineArn"));
        if (!machine.express()) {
            throw typeNotSupported();
        }
        Execution e = engine.start(machine.arn(), text(r, "name"), text(r, "input"), traceHeader);
        try {
            e.completion().get(SYNC_LIMIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (TimeoutException timeout) {
            engine.stop(e.arn, "States.Timeout", "The synchronous Express execution ran longer than 5 minutes");
        }
        ObjectNode out = Json.object()
                .put("executionArn", e.arn)
                .put("stateMachineArn", machine.arn())
                .put("name", e.name)
                .put("startDate", Timestamps.epochSeconds(e.startDate))
                .put("stopDate", Timestamps.epochSeconds(e.stopDate()))
                .put(
                        "status",
                        e.status() == Execution.Status.ABORTED
                                ? "TIMED_OUT"
                                : e.status().name())
                .put("input", e.inputText);
        out.putObject("inputDetails").put("included", true);
        if (e.output() != null) {
            out.put("output", e.output());
            out.putObject("outputDetails").put("included", true);
        }
        if (e.error() != null) {
            out.put("error", e.error());
        }
        if (e.cause() != null) {
            out.put("cause", e.cause());
        }
        long millis = Duration.between(e.startDate, e.stopDate()).toMillis();
        out.putObject("billingDetails")
                .put("billedMemoryUsedInMB", 64)
                .put("billedDurationInMilliseconds", Math.max(100, (millis + 99) / 100 * 100));
        return out;
    }

    private JsonNode history(JsonNode r) {
        Execution e = engine.execution(required(r, "executionArn"));
        if (e.express) {
            // Recorded on AWS (GetExecutionHistory of an asynchronous Express execution).
            throw new ApiException("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: express'");
        }
        boolean includeData =
                !r.has("includeExecutionData") || r.get("includeExecutionData").asBoolean();
        List<History.Event> events = e.history.snapshot();
        if (r.path("reverseOrder").asBoolean(false)) {
            events = events.reversed();
        }
        return page(r, "events", events, 1000, event -> render(event, includeData));
    }

    /**
     * Every history event of {@code executionArn}, STANDARD or EXPRESS, as GetExecutionHistory
     * renders them: for the ASL test helper, which inspects Express runs too (AWS itself answers
     * GetExecutionHistory for an Express execution with InvalidArn).
     */
    public List<JsonNode> historyOf(String executionArn) {
        return engine.execution(executionArn).history.snapshot().stream()
                .map(event -> (JsonNode) render(event, true))
                .toList();
    }

    private static ObjectNode render(History.Event event, boolean includeData) {
        ObjectNode out = Json.object()
                .put("timestamp", Timestamps.epochSeconds(event.timestamp()))
                .put("type", event.type())
                .put("id", event.id())
                .put("previousEventId", event.previousEventId());
        if (event.detailsName() != null) {
            ObjectNode details = event.details().deepCopy();
            if (!includeData) {
                details.remove(List.of("input", "output", "inputDetails", "outputDetails", "parameters"));
            }
            out.set(event.detailsName(), details);
        }
        return out;
    }

    private static <T> ObjectNode page(
            JsonNode r, String field, List<T> items, int max, Function<T, ObjectNode> render) {
        int maxResults = r.path("maxResults").asInt(0);
        if (maxResults < 0 || maxResults > max) {
            throw new ApiException(
                    "ValidationException",
                    "1 validation error detected: Value '" + maxResults
                            + "' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to "
                            + max);
        }
        int size = maxResults == 0 ? 100 : maxResults;
        int start = 0;
        String token = r.hasNonNull("nextToken") ? r.get("nextToken").asText() : null;
        if (token != null) {
            try {
                start = Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new ApiException("InvalidToken", "Invalid Token: '" + token + "'");
            }
        }
        ObjectNode out = Json.object();
        ArrayNode array = out.putArray(field);
        int end = Math.min(items.size(), start + size);
        for (int i = start; i < end; i++) {
            array.add(render.apply(items.get(i)));
        }
        if (end < items.size()) {
            out.put(
                    "nextToken",
                    Base64.getUrlEncoder().encodeToString(String.valueOf(end).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }
}
