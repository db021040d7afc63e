package dev.asynccommerce.platform.http;

import java.util.regex.Pattern;
import org.apache.logging.log4j.ThreadContext;

/**
 * The ids that follow a request through logs and events: the caller's {@code X-Correlation-Id} when
 * it sent a sane one, else API Gateway's request id; and the X-Ray trace header of this invocation.
 */
public final class RequestContext {
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestContext() {}

    public static String correlationId(ApiRequest request) {
        return request.header("X-Correlation-Id")
                .filter(v -> SANE_ID.matcher(v).matches())
                .orElseGet(request::requestId);
    }

    /**
     * The trace header Lambda gives this invocation: a system property in the Java runtime, the
     * environment variable elsewhere.
     */
    public static String traceHeader() {
        String header = System.getProperty("com.amazonaws.xray.traceHeader");
        return header != null ? header : System.getenv("_X_AMZN_TRACE_ID");
    }

    /** Puts the ids on every log line of this invocation (and clears what the last one left). */
    public static void log(String correlationId, String orderId) {
        ThreadContext.clearMap();
        ThreadContext.put("correlationId", correlationId);
        if (orderId != null) {
            ThreadContext.put("orderId", orderId);
        }
    }

    /** Adds the order id to the log lines still to come in this invocation, once it is known. */
    public static void logOrderId(String orderId) {
        ThreadContext.put("orderId", orderId);
    }
}
