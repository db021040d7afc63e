package dev.asynccommerce.localstack.lambda.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reports the trace header this invocation runs under where the AWS SDK reads it for the {@code
 * X-Amzn-Trace-Id} of its own calls: the {@code com.amazonaws.xray.traceHeader} system property, which the
 * runtime interface client sets per invocation (its internal thread-local is used only when one
 * environment runs invocations concurrently), and the {@code _X_AMZN_TRACE_ID} variable, which Java
 * runtimes do not set.
 */
public final class TraceHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("systemProperty", System.getProperty("com.amazonaws.xray.traceHeader"));
        out.put("environment", System.getenv("_X_AMZN_TRACE_ID"));
        return out;
    }
}
