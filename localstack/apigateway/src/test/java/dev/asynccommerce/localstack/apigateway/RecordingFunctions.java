package dev.asynccommerce.localstack.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asynccommerce.localstack.spi.FunctionInvoker;
import dev.asynccommerce.localstack.spi.TraceContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An in-memory {@link FunctionInvoker}: each function is a Java lambda from the event to the JSON it
 * answers; a lambda that throws is a function error ({@code Unhandled}). Every event is recorded.
 */
final class RecordingFunctions implements FunctionInvoker {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Function<JsonNode, String>> functions = new ConcurrentHashMap<>();
    private final Map<String, BlockingQueue<JsonNode>> events = new ConcurrentHashMap<>();
    private final Map<String, TraceContext> lastTrace = new ConcurrentHashMap<>();

    RecordingFunctions define(String arn, Function<JsonNode, String> function) {
        functions.put(arn, function);
        return this;
    }

    @Override
    public Invocation invoke(String functionArn, byte[] payload, TraceContext trace) {
        lastTrace.put(functionArn, trace);
        return invoke(functionArn, payload);
    }

    @Override
    public Invocation invoke(String functionArn, byte[] payload) {
        JsonNode event;
        try {
            event = JSON.readTree(payload);
        } catch (Exception e) {
            throw new IllegalStateException("the gateway sent invalid JSON", e);
        }
        queue(functionArn).add(event);
        Function<JsonNode, String> function = functions.get(functionArn);
        if (function == null) {
            throw new IllegalStateException("no function " + functionArn);
        }
        try {
            return Invocation.success(function.apply(event).getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return Invocation.unhandled(("{\"errorMessage\":\"" + e.getMessage() + "\",\"errorType\":\""
                            + e.getClass().getName() + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The next event the function received, waiting up to the deadline; fails when none arrives. */
    JsonNode nextEvent(String arn, Duration within) {
        try {
            JsonNode event = queue(arn).poll(within.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError(arn + " received no event within " + within);
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The trace the function was last invoked in, or null. */
    TraceContext lastTrace(String arn) {
        return lastTrace.get(arn);
    }

    int pending(String arn) {
        return queue(arn).size();
    }

    private BlockingQueue<JsonNode> queue(String arn) {
        return events.computeIfAbsent(arn, k -> new LinkedBlockingQueue<>());
    }
}
