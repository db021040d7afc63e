package dev.asynccommerce.localstack.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asynccommerce.localstack.spi.TraceHeader;
import dev.asynccommerce.localstack.spi.TraceSegments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stack's X-Ray segment store: what the stack's Lambda and Step Functions record for sampled
 * invocations and executions, and what clients put with {@code PutTraceSegments}, grouped into traces by
 * {@code trace_id}. In memory, the {@value #MAX_TRACES} most recently written traces (X-Ray keeps 30 days); {@code POST
 * /_local/reset} empties it. Thread-safe.
 *
 * <p>A document is kept as it was put; a later document with the same {@code id} replaces it (an
 * in-progress segment, then the completed one), as X-Ray does. Subsegments sent as documents of their own
 * are kept beside their segment rather than merged into it.
 */
final class XRayStore implements TraceSegments {
    static final int MAX_TRACES = 10_000;
    /** X-Ray's size limit for one segment document. */
    static final int MAX_DOCUMENT_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One stored document and the fields the API reads from it. */
    record Segment(String id, String document, JsonNode fields) {
        String name() {
            return fields.path("name").asText();
        }

        String origin() {
            return fields.path("origin").asText(null);
        }

        double start() {
            return fields.path("start_time").asDouble();
        }

        /** The end time, or the start time while the segment is in progress. */
        double end() {
            return fields.has("end_time") ? fields.path("end_time").asDouble() : start();
        }

        boolean inProgress() {
            return fields.path("in_progress").asBoolean(false) || !fields.has("end_time");
        }

        boolean flagged(String flag) {
            return fields.path(flag).asBoolean(false);
        }

        boolean isRoot() {
            return !fields.has("parent_id")
                    && !"subsegment".equals(fields.path("type").asText());
        }
    }

    /** A trace: its id and segments, in the order they were first put. */
    record Trace(String id, List<Segment> segments) {
        double start() {
            return segments.stream().mapToDouble(Segment::start).min().orElse(0);
        }

        double end() {
            return segments.stream().mapToDouble(Segment::end).max().orElse(0);
        }
    }

    private final LinkedHashMap<String, LinkedHashMap<String, Segment>> traces = new LinkedHashMap<>();

    /** Stores a document the stack's own services recorded; they only write well-formed ones. */
    @Override
    public void put(String document) {
        String refusal = accept(document);
        if (refusal != null) {
            throw new IllegalArgumentException("segment refused: " + refusal);
        }
    }

    /**
     * Stores one document as PutTraceSegments does; answers null when stored, else why not (the
     * UnprocessedTraceSegment's message).
     */
    String accept(String document) {
        if (document == null || document.getBytes(StandardCharsets.UTF_8).length > MAX_DOCUMENT_BYTES) {
            return "Segment document is missing or larger than 64 kB.";
        }
        JsonNode fields;
        try {
            fields = JSON.readTree(document);
        } catch (IOException e) {
            return "Segment document is not valid JSON.";
        }
        if (fields == null || !fields.isObject()) {
            return "Segment document is not a JSON object.";
        }
        String traceId = fields.path("trace_id").asText("");
        String id = fields.path("id").asText("");
        if (!TraceHeader.isTraceId(traceId)) {
            return "Invalid trace_id.";
        }
        if (!TraceHeader.isSegmentId(id)) {
            return "Invalid id.";
        }
        if (!fields.path("name").isTextual() || !fields.path("start_time").isNumber()) {
            return "A segment needs a name and a start_time.";
        }
        if (!fields.path("end_time").isNumber() && !fields.path("in_progress").asBoolean(false)) {
            return "A segment needs an end_time or in_progress.";
        }
        synchronized (this) {
            // Re-inserted on every write, so the eldest entry is the trace written to longest ago: a
            // long-running execution still being updated is never the one evicted.
            LinkedHashMap<String, Segment> trace = traces.remove(traceId);
            if (trace == null) {
                trace = new LinkedHashMap<>();
            }
            trace.put(id, new Segment(id, document, fields));
            traces.put(traceId, trace);
            Iterator<String> oldest = traces.keySet().iterator();
            while (traces.size() > MAX_TRACES && oldest.hasNext()) {
                oldest.next();
                oldest.remove();
            }
        }
        return null;
    }

    /** The trace with that id, or null when no segment of it is stored. */
    synchronized Trace trace(String traceId) {
        Map<String, Segment> segments = traces.get(traceId);
        return segments == null ? null : new Trace(traceId, List.copyOf(segments.values()));
    }

    /** Every stored trace, oldest first. */
    synchronized List<Trace> all() {
        List<Trace> out = new ArrayList<>();
        traces.forEach((id, segments) -> out.add(new Trace(id, List.copyOf(segments.values()))));
        return out;
    }

    /** Forgets every trace (the stack's reset). */
    synchronized void clear() {
        traces.clear();
    }
}
