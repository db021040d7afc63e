package dev.asynccommerce.localstack.spi;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * An X-Ray trace header, {@code Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1},
 * as every AWS service carries it: the {@code X-Amzn-Trace-Id} HTTP header, SQS's {@code AWSTraceHeader}
 * system attribute, an EventBridge entry's {@code TraceHeader}, Step Functions' {@code traceHeader}.
 * Format: https://docs.aws.amazon.com/xray/latest/devguide/xray-concepts.html#xray-concepts-tracingheader.
 *
 * <p>Services keep the {@code Root} across a hop, name the segment they record as the next hop's {@code
 * Parent}, and keep the caller's sampling decision. Other fields a header may carry ({@code Lineage},
 * {@code Self}) are not carried on.
 *
 * @param root the trace id, {@code 1-<8 hex: epoch seconds>-<24 hex>}
 * @param parent the id of the segment or subsegment that made the call (16 hex), or null
 * @param sampled the sampling decision; null when the caller left it to the callee ({@code Sampled=?} or none)
 */
public record TraceHeader(String root, String parent, Boolean sampled) {
    private static final Pattern ROOT = Pattern.compile("1-[0-9a-f]{8}-[0-9a-f]{24}");
    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");

    public TraceHeader {
        if (root == null || !ROOT.matcher(root).matches()) {
            throw new IllegalArgumentException("not an X-Ray trace id: " + root);
        }
        if (parent != null && !ID.matcher(parent).matches()) {
            throw new IllegalArgumentException("not an X-Ray segment id: " + parent);
        }
    }

    /**
     * Reads a header; null when it is absent or not valid (AWS drops a trace header it cannot validate
     * and carries on without it).
     */
    public static TraceHeader parse(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String root = null;
        String parent = null;
        Boolean sampled = null;
        for (String field : header.split(";")) {
            int eq = field.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = field.substring(0, eq).trim();
            String value = field.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
            switch (key) {
                case "Root" -> root = value;
                case "Parent" -> parent = value;
                case "Sampled" -> sampled = value.equals("1") ? Boolean.TRUE : value.equals("0") ? Boolean.FALSE : null;
                default -> {
                    // Lineage, Self and future fields: not carried on.
                }
            }
        }
        if (root == null
                || !ROOT.matcher(root).matches()
                || (parent != null && !ID.matcher(parent).matches())) {
            return null;
        }
        return new TraceHeader(root, parent, sampled);
    }

    /** A new trace: a fresh Root whose time part is {@code now} (the stack's clock), no parent. */
    public static TraceHeader newTrace(Instant now, Boolean sampled) {
        String epoch = String.format("%08x", now.getEpochSecond() & 0xffffffffL);
        return new TraceHeader("1-" + epoch + "-" + hex(12), null, sampled);
    }

    /** Whether {@code value} is an X-Ray trace id: {@code 1-<8 hex epoch>-<24 hex>}. */
    public static boolean isTraceId(String value) {
        return value != null && ROOT.matcher(value).matches();
    }

    /** Whether {@code value} is a segment or subsegment id: 16 hex digits. */
    public static boolean isSegmentId(String value) {
        return value != null && ID.matcher(value).matches();
    }

    /** A new segment or subsegment id: 16 hex digits. */
    public static String newId() {
        return hex(8);
    }

    public TraceHeader withParent(String newParent) {
        return new TraceHeader(root, newParent, sampled);
    }

    /** This header with its own sampling decision, or {@code decision} when it has none (a caller deferring). */
    public TraceHeader orSampled(boolean decision) {
        return sampled == null ? withSampled(decision) : this;
    }

    public TraceHeader withSampled(Boolean decision) {
        return new TraceHeader(root, parent, decision);
    }

    /** Whether the trace is recorded: only an explicit {@code Sampled=1}. */
    public boolean isSampled() {
        return Boolean.TRUE.equals(sampled);
    }

    /** The header as it travels: {@code Root=...;Parent=...;Sampled=1}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Root=").append(root);
        if (parent != null) {
            out.append(";Parent=").append(parent);
        }
        out.append(";Sampled=").append(sampled == null ? "?" : sampled ? "1" : "0");
        return out.toString();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
