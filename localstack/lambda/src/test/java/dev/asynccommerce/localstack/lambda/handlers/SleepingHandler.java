package dev.asynccommerce.localstack.lambda.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Sleeps {@code sleepMs}, then answers with its process id: timeouts and concurrency. */
public final class SleepingHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        long millis = ((Number) input.getOrDefault("sleepMs", 0)).longValue();
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Map.of("slept", millis, "pid", ProcessHandle.current().pid());
    }
}
