package dev.asynccommerce.localstack.lambda;

import dev.asynccommerce.localstack.spi.SegmentDocument;
import dev.asynccommerce.localstack.spi.TraceContext;
import dev.asynccommerce.localstack.spi.TraceHeader;
import dev.asynccommerce.localstack.spi.TraceSegments;
import java.time.Instant;
import java.util.List;

/**
 * The X-Ray side of one invocation: which trace it belongs to, the header the function gets
 * ({@code Lambda-Runtime-Trace-Id}, which the Java runtime puts in the {@code com.amazonaws.xray.traceHeader}
 * system property, where the AWS SDK finds it for its own {@code X-Amzn-Trace-Id}), and, for a sampled
 * invocation of a function with active tracing, the two segments Lambda records: {@code AWS::Lambda} (the
 * service, under the caller's Parent) and {@code AWS::Lambda::Function} (the function, the Parent the
 * function's own calls hang under), both named after the function.
 *
 * <p>Sampling, per https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html and TracingConfig: the
 * caller's decision is kept whatever the mode, and a sampled invocation is recorded whatever the mode
 * (TracingConfig: PassThrough "will only trace the request from an upstream service if it contains a
 * tracing header with sampled=1"); without a decision, an {@link TracingMode#ACTIVE} function samples
 * (AWS by its sampling rules, here always) and a PassThrough one does not. An unrecorded invocation
 * passes its caller's header on unchanged, so nothing downstream names a segment that was never written. A linked invocation (an SQS
 * batch) starts a trace of its own whose Lambda segment links to the producers' traces.
 */
final class InvocationTrace {
    static final String SERVICE_ORIGIN = "AWS::Lambda";
    static final String FUNCTION_ORIGIN = "AWS::Lambda::Function";

    private final TraceHeader trace;
    private final List<TraceHeader> links;
    private final boolean recorded;
    private final String serviceSegmentId = TraceHeader.newId();
    private final String functionSegmentId = TraceHeader.newId();
    private final Instant start;

    private InvocationTrace(TraceHeader trace, List<TraceHeader> links, boolean recorded, Instant start) {
        this.trace = trace;
        this.links = links;
        this.recorded = recorded;
        this.start = start;
    }

    static InvocationTrace begin(FunctionDefinition function, TraceContext context, Instant now) {
        boolean active = function.tracing() == TracingMode.ACTIVE;
        TraceHeader caller = context.caller();
        TraceHeader trace;
        if (caller != null) {
            trace = caller.orSampled(active);
        } else {
            trace = TraceHeader.newTrace(now, active);
        }
        return new InvocationTrace(trace, context.links(), trace.isSampled(), now);
    }

    /**
     * The header the function runs under: the same Root and decision, with the function's segment as
     * Parent when it is recorded, else the caller's own.
     */
    String header() {
        return recorded ? trace.withParent(functionSegmentId).toString() : trace.toString();
    }

    String root() {
        return trace.root();
    }

    boolean sampled() {
        return trace.isSampled();
    }

    /** Records the invocation's segments when it was sampled. */
    void end(
            TraceSegments segments,
            FunctionDefinition function,
            String invokedArn,
            String requestId,
            Instant end,
            boolean failed) {
        if (!recorded) {
            return;
        }
        segments.put(SegmentDocument.of(function.name(), serviceSegmentId, trace)
                .origin(SERVICE_ORIGIN)
                .resourceArn(invokedArn)
                .aws("request_id", requestId)
                .links(links)
                .timing(start, end)
                .toJson());
        segments.put(SegmentDocument.of(function.name(), functionSegmentId, trace)
                .parentId(serviceSegmentId)
                .origin(FUNCTION_ORIGIN)
                .resourceArn(invokedArn)
                .timing(start, end)
                .fault(failed)
                .toJson());
    }
}
