package dev.asynccommerce.localstack.lambda.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts its cold starts and invocations in static state: a warm environment answers with the same
 * instance id and a growing invocation count.
 */
public final class ColdStartHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final String INSTANCE = UUID.randomUUID().toString();
    private static final AtomicInteger COLD_STARTS = new AtomicInteger();
    private static final AtomicInteger INVOCATIONS = new AtomicInteger();

    public ColdStartHandler() {
        COLD_STARTS.incrementAndGet(); // the RIC constructs the handler once per environment
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        return Map.of(
                "instance", INSTANCE,
                "coldStarts", COLD_STARTS.get(),
                "invocation", INVOCATIONS.incrementAndGet(),
                "pid", ProcessHandle.current().pid());
    }
}
