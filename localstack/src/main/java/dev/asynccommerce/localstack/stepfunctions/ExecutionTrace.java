package dev.asynccommerce.localstack.stepfunctions;

import dev.asynccommerce.localstack.spi.SegmentDocument;
import dev.asynccommerce.localstack.spi.TraceHeader;
import dev.asynccommerce.localstack.spi.TraceSegments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The X-Ray side of one execution: the trace it belongs to, the header each Task's call carries, and, when
 * the execution is sampled and its state machine has tracing enabled, the segment Step Functions records
 * for it ({@code AWS::StepFunctions::StateMachine}, named after the state machine, one subsegment per Task,
 * whose id is the Parent the task's call carries).
 *
 * <p>The trace: the caller's ({@code X-Amzn-Trace-Id} of StartExecution, else its {@code traceHeader}, else
 * an EventBridge target's event trace) with its sampling decision; a caller without a decision, or no
 * caller, is sampled when the state machine's {@code TracingConfiguration} is enabled (AWS samples by its
 * sampling rules; the stack samples every execution, so a test sees every trace). Without a caller and
 * without tracing there is no trace, and tasks call without a header, as an untraced state machine does.
 * The segment is written when the execution starts (in progress), whenever a task starts or ends, and when
 * the execution ends.
 */
final class ExecutionTrace {
    static final String ORIGIN = "AWS::StepFunctions::StateMachine";
    private static final Logger LOG = LogManager.getLogger(ExecutionTrace.class);

    /** No trace: tasks call without a header, nothing is recorded. */
    static final ExecutionTrace NONE = new ExecutionTrace(null, false, null, null, null, TraceSegments.DISCARD);

    private final TraceHeader trace;
    private final boolean recorded;
    private final String segmentId = TraceHeader.newId();
    private final String name;
    private final String executionArn;
    private final TraceSegments segments;
    private final List<Span> spans = new ArrayList<>(); // guarded by this
    private final Instant start;
    private Instant end; // guarded by this
    private boolean fault; // guarded by this

    /**
     * Subsegments kept in the execution's segment: every write re-sends the whole document, and X-Ray
     * refuses one over 64 kB, so a long Map or a retry loop must not grow it without bound. Calls past
     * this many hang directly under the execution's segment.
     */
    static final int MAX_SUBSEGMENTS = 100;

    /** One Task's call: the header it carries and its subsegment. */
    final class Span {
        private final String id = TraceHeader.newId();
        private final String stateName;
        private final Instant started;
        private Instant ended;
        private boolean failed;
        private boolean inDocument; // guarded by ExecutionTrace.this

        private Span(String stateName, Instant started) {
            this.stateName = stateName;
            this.started = started;
        }

        /**
         * The call's trace header, or null when the execution has no trace. Its Parent is a segment that
         * is written: this call's subsegment, else the execution's segment; an unrecorded execution
         * passes its caller's header on unchanged.
         */
        String header() {
            if (trace == null) {
                return null;
            }
            if (!recorded) {
                return trace.toString();
            }
            synchronized (ExecutionTrace.this) {
                return trace.withParent(inDocument ? id : segmentId).toString();
            }
        }

        /** The task's call is over (its result, error or token arrived). */
        void end(Instant at, boolean taskFailed) {
            synchronized (ExecutionTrace.this) {
                ended = at;
                failed = taskFailed;
            }
            write();
        }
    }

    private ExecutionTrace(
            TraceHeader trace,
            boolean recorded,
            String name,
            String executionArn,
            Instant start,
            TraceSegments segments) {
        this.trace = trace;
        this.recorded = recorded;
        this.name = name;
        this.executionArn = executionArn;
        this.start = start;
        this.segments = segments;
    }

    static ExecutionTrace begin(
            StateMachine machine, String executionArn, String callerHeader, Instant now, TraceSegments segments) {
        TraceHeader caller = TraceHeader.parse(callerHeader);
        boolean tracing = machine.tracingEnabled();
        TraceHeader trace;
        if (caller != null) {
            trace = caller.orSampled(tracing);
        } else if (tracing) {
            trace = TraceHeader.newTrace(now, true);
        } else {
            return NONE;
        }
        ExecutionTrace started =
                new ExecutionTrace(trace, tracing && trace.isSampled(), machine.name(), executionArn, now, segments);
        started.write();
        return started;
    }

    /** The execution's trace id, or null without a trace. */
    String root() {
        return trace == null ? null : trace.root();
    }

    /** Opens the subsegment of a Task's call. */
    Span task(String stateName, Instant at) {
        Span span = new Span(stateName, at);
        synchronized (this) {
            if (recorded && spans.size() < MAX_SUBSEGMENTS) {
                spans.add(span);
                span.inDocument = true;
            }
        }
        write();
        return span;
    }

    /** The execution ended; {@code failed} for every end but success. */
    void ended(Instant at, boolean failed) {
        synchronized (this) {
            end = at;
            fault = failed;
            // A task still waiting when the execution stopped or timed out ends with it.
            for (Span span : spans) {
                if (span.ended == null) {
                    span.ended = at;
                    span.failed = true;
                }
            }
        }
        write();
    }

    /** A redrive runs the execution again under the same trace and segment. */
    void reopened() {
        synchronized (this) {
            end = null;
            fault = false;
        }
        write();
    }

    private void write() {
        if (!recorded) {
            return;
        }
        // Built and stored under one lock: the store keeps the last document per segment id, so two
        // writers (parallel branches, a task ending as the execution does) must not store out of order.
        synchronized (this) {
            SegmentDocument segment = SegmentDocument.of(name, segmentId, trace)
                    .origin(ORIGIN)
                    .resourceArn(executionArn)
                    .timing(start, end)
                    .fault(fault);
            for (Span span : spans) {
                segment.subsegment(span.stateName, span.id, span.started, span.ended, span.failed);
            }
            try {
                segments.put(segment.toJson());
            } catch (RuntimeException e) {
                // The trace is an observer: the execution goes on without its segment.
                LOG.warn("execution {}: its X-Ray segment was not recorded: {}", executionArn, e.getMessage());
            }
        }
    }
}
