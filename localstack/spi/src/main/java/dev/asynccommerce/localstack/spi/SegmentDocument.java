package dev.asynccommerce.localstack.spi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Builds an X-Ray segment document with the fields the stack's services record: {@code name}, {@code id},
 * {@code trace_id}, {@code parent_id}, {@code origin}, {@code start_time}/{@code end_time} (epoch seconds,
 * microseconds) or {@code in_progress}, {@code fault}, {@code resource_arn}, {@code aws}, {@code
 * subsegments} and {@code links}. Field names and formats as
 * https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html describes them; {@code
 * links} ({@code trace_id}, {@code id}) is not in that page: its shape is the one X-Ray's own exporters
 * write for linked traces.
 */
public final class SegmentDocument {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode node = JSON.createObjectNode();

    private SegmentDocument(String name, String id, String traceId) {
        node.put("name", name);
        node.put("id", id);
        node.put("trace_id", traceId);
    }

    /** A segment of {@code trace}'s trace, under {@code trace}'s Parent when it has one. */
    public static SegmentDocument of(String name, String id, TraceHeader trace) {
        SegmentDocument document = new SegmentDocument(name, id, trace.root());
        if (trace.parent() != null) {
            document.node.put("parent_id", trace.parent());
        }
        return document;
    }

    public SegmentDocument parentId(String parentId) {
        node.put("parent_id", parentId);
        return this;
    }

    /** The AWS resource type the segment stands for, e.g. {@code AWS::Lambda::Function}. */
    public SegmentDocument origin(String origin) {
        node.put("origin", origin);
        return this;
    }

    public SegmentDocument resourceArn(String arn) {
        node.put("resource_arn", arn);
        return this;
    }

    /** One field of the segment's {@code aws} object, e.g. {@code request_id}. */
    public SegmentDocument aws(String field, String value) {
        ObjectNode aws = node.has("aws") ? (ObjectNode) node.get("aws") : node.putObject("aws");
        aws.put(field, value);
        return this;
    }

    /** Started at {@code start}; ended at {@code end}, or still in progress when {@code end} is null. */
    public SegmentDocument timing(Instant start, Instant end) {
        node.put("start_time", seconds(start));
        if (end == null) {
            node.remove("end_time");
            node.put("in_progress", true);
        } else {
            node.remove("in_progress");
            node.put("end_time", seconds(end));
        }
        return this;
    }

    /** A server-side failure (X-Ray's {@code fault}: a 5xx, an unhandled error). */
    public SegmentDocument fault(boolean fault) {
        if (fault) {
            node.put("fault", true);
        } else {
            node.remove("fault");
        }
        return this;
    }

    /** Links to other traces (a consumer's segment to its producers'). */
    public SegmentDocument links(List<TraceHeader> producers) {
        if (producers.isEmpty()) {
            return this;
        }
        ArrayNode links = node.putArray("links");
        for (TraceHeader producer : producers) {
            ObjectNode link = links.addObject().put("trace_id", producer.root());
            if (producer.parent() != null) {
                link.put("id", producer.parent());
            }
        }
        return this;
    }

    /** Adds a subsegment (a call the segment's owner made); {@code end} null while it runs. */
    public SegmentDocument subsegment(String name, String id, Instant start, Instant end, boolean fault) {
        ArrayNode subsegments =
                node.has("subsegments") ? (ArrayNode) node.get("subsegments") : node.putArray("subsegments");
        ObjectNode subsegment =
                subsegments.addObject().put("name", name).put("id", id).put("start_time", seconds(start));
        if (end == null) {
            subsegment.put("in_progress", true);
        } else {
            subsegment.put("end_time", seconds(end));
        }
        if (fault) {
            subsegment.put("fault", true);
        }
        return this;
    }

    /** The document as {@code PutTraceSegments} takes it. */
    public String toJson() {
        return node.toString();
    }

    /** Epoch seconds with microseconds, as X-Ray's SDKs write them (and its API answers times). */
    public static BigDecimal seconds(Instant at) {
        return BigDecimal.valueOf(at.getEpochSecond()).add(BigDecimal.valueOf(at.getNano() / 1000, 6));
    }
}
