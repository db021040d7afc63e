package dev.asynccommerce.localstack.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.localstack.spi.SegmentDocument;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The X-Ray API operations a test needs, over X-Ray's REST-JSON protocol, on the stack's {@link
 * XRayStore}: {@code POST /TraceSegments} (PutTraceSegments), {@code POST /Traces} (BatchGetTraces) and
 * {@code POST /TraceSummaries} (GetTraceSummaries), so the unmodified SDK {@code XRayClient} works with an
 * endpoint override. Errors as X-Ray answers them: HTTP 400, {@code x-amzn-ErrorType:
 * InvalidRequestException} and a JSON body with the message.
 *
 * <p>GetTraceSummaries supports no filter, or {@code service("name")} (traces with a segment of that
 * name); any other filter expression is refused with InvalidRequestException rather than half-applied.
 * Sampling and SamplingStrategy are accepted and ignored (every matching trace is summarized).
 */
final class XRayApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PATHS = Set.of("/TraceSegments", "/Traces", "/TraceSummaries");
    private static final Pattern SERVICE_FILTER = Pattern.compile("\\s*service\\(\\s*\"([^\"]*)\"\\s*\\)\\s*");
    private static final int SUMMARIES_PER_PAGE = 100;
    private static final int MAX_TRACE_IDS = 5;

    private final XRayStore store;
    private final InstantSource clock;
    private final String accountId;

    XRayApi(XRayStore store, InstantSource clock, String accountId) {
        this.store = store;
        this.clock = clock;
        this.accountId = accountId;
    }

    /** Whether a request belongs to this API. */
    static boolean handles(String method, String path) {
        return "POST".equals(method) && PATHS.contains(path);
    }

    ProtocolResponse handle(String path, byte[] body) {
        try {
            JsonNode request = parse(body);
            ObjectNode answer = switch (path) {
                case "/TraceSegments" -> putTraceSegments(request);
                case "/Traces" -> batchGetTraces(request);
                case "/TraceSummaries" -> getTraceSummaries(request);
                default -> throw new InvalidRequest("Unknown operation " + path);
            };
            return new ProtocolResponse(
                    200, "application/json", JSON.writeValueAsBytes(answer), Map.of("x-amzn-RequestId", requestId()));
        } catch (InvalidRequest e) {
            return error(e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode request = body == null || body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
            if (request == null || !request.isObject()) {
                throw new InvalidRequest("The request body must be a JSON object.");
            }
            return request;
        } catch (IOException e) {
            throw new InvalidRequest("The request body is not valid JSON.");
        }
    }

    private ObjectNode putTraceSegments(JsonNode request) {
        JsonNode documents = request.get("TraceSegmentDocuments");
        if (documents == null || !documents.isArray()) {
            throw new InvalidRequest("TraceSegmentDocuments is required.");
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode unprocessed = answer.putArray("UnprocessedTraceSegments");
        for (JsonNode document : documents) {
            String text = document.isTextual() ? document.asText() : null;
            String refusal = store.accept(text);
            if (refusal != null) {
                ObjectNode entry = unprocessed.addObject();
                String id = idOf(text);
                if (id != null) {
                    entry.put("Id", id);
                }
                entry.put("ErrorCode", "InvalidSegment").put("Message", refusal);
            }
        }
        return answer;
    }

    private static String idOf(String document) {
        try {
            JsonNode node = document == null ? null : JSON.readTree(document);
            return node != null && node.path("id").isTextual() ? node.get("id").asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private ObjectNode batchGetTraces(JsonNode request) {
        JsonNode ids = request.get("TraceIds");
        if (ids == null || !ids.isArray() || ids.isEmpty() || ids.size() > MAX_TRACE_IDS) {
            throw new InvalidRequest("TraceIds must hold between 1 and 5 trace IDs.");
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode traces = answer.putArray("Traces");
        Set<String> wanted = new LinkedHashSet<>();
        ids.forEach(id -> wanted.add(id.asText()));
        for (String id : wanted) {
            XRayStore.Trace trace = store.trace(id);
            if (trace == null) {
                continue; // X-Ray answers only the traces it has
            }
            ObjectNode out = traces.addObject()
                    .put("Id", trace.id())
                    .put("Duration", seconds(trace.end() - trace.start()))
                    .put("LimitExceeded", false);
            ArrayNode segments = out.putArray("Segments");
            trace.segments().forEach(s -> segments.addObject().put("Id", s.id()).put("Document", s.document()));
        }
        answer.putArray("UnprocessedTraceIds");
        return answer;
    }

    private ObjectNode getTraceSummaries(JsonNode request) {
        JsonNode startNode = request.get("StartTime");
        JsonNode endNode = request.get("EndTime");
        if (startNode == null || !startNode.isNumber() || endNode == null || !endNode.isNumber()) {
            throw new InvalidRequest("StartTime and EndTime are required.");
        }
        double start = startNode.asDouble();
        double end = endNode.asDouble();
        if (end < start) {
            throw new InvalidRequest("EndTime must not be before StartTime.");
        }
        String rangeType = request.path("TimeRangeType").asText("TraceId");
        if (!Set.of("TraceId", "Event", "Service").contains(rangeType)) {
            throw new InvalidRequest("TimeRangeType must be one of TraceId, Event, Service.");
        }
        Predicate<XRayStore.Trace> filter =
                filter(request.path("FilterExpression").asText(""));
        int from = offset(request.path("NextToken").asText(null));

        List<XRayStore.Trace> matching = new ArrayList<>();
        for (XRayStore.Trace trace : store.all()) {
            // TraceId: by the trace's start; Event and Service: by its latest update.
            double at = rangeType.equals("TraceId") ? trace.start() : trace.end();
            if (at >= start && at <= end && filter.test(trace)) {
                matching.add(trace);
            }
        }
        matching.sort(Comparator.comparingDouble(XRayStore.Trace::start));

        ObjectNode answer = JSON.createObjectNode();
        ArrayNode summaries = answer.putArray("TraceSummaries");
        int to = Math.min(matching.size(), from + SUMMARIES_PER_PAGE);
        for (XRayStore.Trace trace : matching.subList(Math.min(from, to), to)) {
            summaries.add(summary(trace));
        }
        answer.put("ApproximateTime", SegmentDocument.seconds(clock.instant()));
        answer.put("TracesProcessedCount", matching.size());
        if (to < matching.size()) {
            answer.put("NextToken", Integer.toString(to));
        }
        return answer;
    }

    private static Predicate<XRayStore.Trace> filter(String expression) {
        if (expression.isBlank()) {
            return trace -> true;
        }
        Matcher service = SERVICE_FILTER.matcher(expression);
        if (service.matches()) {
            String name = service.group(1);
            return trace -> trace.segments().stream().anyMatch(s -> s.name().equals(name));
        }
        throw new InvalidRequest("The local X-Ray supports no filter expression but service(\"name\"): " + expression);
    }

    private static int offset(String nextToken) {
        if (nextToken == null) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(nextToken);
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (NumberFormatException e) {
            throw new InvalidRequest("Invalid NextToken.");
        }
    }

    private ObjectNode summary(XRayStore.Trace trace) {
        XRayStore.Segment root = trace.segments().stream()
                .filter(XRayStore.Segment::isRoot)
                .findFirst()
                .orElse(trace.segments().getFirst());
        ObjectNode summary = JSON.createObjectNode()
                .put("Id", trace.id())
                .put("StartTime", seconds(trace.start()))
                .put("Duration", seconds(trace.end() - trace.start()))
                .put("ResponseTime", seconds(root.end() - root.start()))
                .put("HasFault", trace.segments().stream().anyMatch(s -> s.flagged("fault")))
                .put("HasError", trace.segments().stream().anyMatch(s -> s.flagged("error")))
                .put("HasThrottle", trace.segments().stream().anyMatch(s -> s.flagged("throttle")))
                .put("IsPartial", trace.segments().stream().anyMatch(XRayStore.Segment::inProgress));
        Map<String, ObjectNode> services = new LinkedHashMap<>();
        for (XRayStore.Segment segment : trace.segments()) {
            services.computeIfAbsent(segment.name() + "|" + segment.origin(), k -> serviceId(segment));
        }
        ArrayNode serviceIds = summary.putArray("ServiceIds");
        services.values().forEach(serviceIds::add);
        summary.set("EntryPoint", serviceId(root));
        summary.putObject("Annotations");
        summary.putArray("Users");
        return summary;
    }

    private ObjectNode serviceId(XRayStore.Segment segment) {
        ObjectNode id = JSON.createObjectNode().put("Name", segment.name());
        id.putArray("Names").add(segment.name());
        id.put("AccountId", accountId);
        if (segment.origin() != null) {
            id.put("Type", segment.origin());
        }
        return id;
    }

    private static BigDecimal seconds(double value) {
        return BigDecimal.valueOf(value).setScale(6, java.math.RoundingMode.HALF_UP);
    }

    private static String requestId() {
        return UUID.randomUUID().toString();
    }

    /** X-Ray's answer to a request it refuses: 400 InvalidRequestException. */
    private static ProtocolResponse error(String message) {
        try {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("__type", "InvalidRequestException");
            body.put("Message", message);
            return new ProtocolResponse(
                    400,
                    "application/json",
                    JSON.writeValueAsBytes(body),
                    Map.of("x-amzn-ErrorType", "InvalidRequestException", "x-amzn-RequestId", requestId()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request X-Ray would refuse with InvalidRequestException. */
    private static final class InvalidRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidRequest(String message) {
            super(message, null, false, false);
        }
    }
}
