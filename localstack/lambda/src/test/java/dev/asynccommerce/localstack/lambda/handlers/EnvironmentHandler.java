package dev.asynccommerce.localstack.lambda.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Reports what the function sees: its environment (GREETING among it) and its Context. */
public final class EnvironmentHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("greeting", System.getenv("GREETING"));
        out.put("environment", new TreeMap<>(System.getenv()));
        out.put("functionName", context.getFunctionName());
        out.put("functionVersion", context.getFunctionVersion());
        out.put("memoryLimitInMB", context.getMemoryLimitInMB());
        out.put("invokedFunctionArn", context.getInvokedFunctionArn());
        out.put("awsRequestId", context.getAwsRequestId());
        out.put("remainingTimeInMillis", context.getRemainingTimeInMillis());
        out.put("logGroupName", context.getLogGroupName());
        out.put(
                "clientContextCustom",
                context.getClientContext() == null
                        ? null
                        : context.getClientContext().getCustom());
        out.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        return out;
    }
}
