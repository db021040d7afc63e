package dev.asynccommerce.localstack.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a caller hands an invoked function about tracing: the trace to continue, or the traces the
 * invocation is linked to.
 *
 * <ul>
 *   <li>{@link #continuing}: the invocation joins the caller's trace (same Root, the caller's sampling
 *       decision) — the Invoke API's {@code X-Amzn-Trace-Id}, an API gateway request, an EventBridge
 *       entry's {@code TraceHeader}, a Step Functions task.
 *   <li>{@link #linkedTo}: the invocation starts a trace of its own that records links to the senders'
 *       traces — an SQS event-source mapping, whose batch may hold messages of many traces. AWS: "Traces
 *       from upstream message producers are automatically linked to traces from downstream Lambda consumer
 *       nodes" (https://docs.aws.amazon.com/xray/latest/devguide/xray-tracelinking.html); a segment links to
 *       at most 20 traces.
 *   <li>{@link #NONE}: a trace of its own (DynamoDB Streams mappings, callers without a header).
 * </ul>
 *
 * @param caller the trace to continue, or null
 * @param links the producers' headers to link to (distinct Roots, at most {@link #MAX_LINKS}); empty
 *     unless {@code caller} is null
 */
public record TraceContext(TraceHeader caller, List<TraceHeader> links) {
    /** A segment links to at most 20 traces (xray-tracelinking). */
    public static final int MAX_LINKS = 20;

    public static final TraceContext NONE = new TraceContext(null, List.of());

    public TraceContext {
        links = List.copyOf(links);
        if (caller != null && !links.isEmpty()) {
            throw new IllegalArgumentException("an invocation either continues a trace or links to others");
        }
    }

    /** Continues {@code header}'s trace; {@link #NONE} when the header is absent or not valid. */
    public static TraceContext continuing(String header) {
        TraceHeader parsed = TraceHeader.parse(header);
        return parsed == null ? NONE : new TraceContext(parsed, List.of());
    }

    /** A new trace linked to the valid headers among {@code headers}: one link per Root, the first 20. */
    public static TraceContext linkedTo(Collection<String> headers) {
        List<TraceHeader> links = new ArrayList<>();
        Set<String> roots = new LinkedHashSet<>();
        for (String header : headers) {
            TraceHeader parsed = TraceHeader.parse(header);
            if (parsed != null && roots.add(parsed.root()) && links.size() < MAX_LINKS) {
                links.add(parsed);
            }
        }
        return links.isEmpty() ? NONE : new TraceContext(null, links);
    }
}
