package dev.asynccommerce.localstack.eventsources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asynccommerce.localstack.spi.FunctionInvoker;
import dev.asynccommerce.localstack.spi.TraceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An in-memory function behind {@link FunctionInvoker}: records every event it is invoked with and
 * answers what its behaviour says (success by default).
 */
final class RecordingFunction implements FunctionInvoker {
    static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final List<TraceContext> traces = new CopyOnWriteArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();
    private volatile Function<JsonNode, Invocation> behaviour =
            e -> Invocation.success("null".getBytes(StandardCharsets.UTF_8));
    private volatile String lastArn;

    /** Answers each event with what {@code behaviour} gives. */
    RecordingFunction answering(Function<JsonNode, Invocation> newBehaviour) {
        this.behaviour = newBehaviour;
        return this;
    }

    @Override
    public Invocation invoke(String functionArn, byte[] payload, TraceContext trace) {
        traces.add(trace);
        return invoke(functionArn, payload);
    }

    @Override
    public Invocation invoke(String functionArn, byte[] payload) {
        lastArn = functionArn;
        JsonNode event;
        try {
            event = JSON.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int now = running.incrementAndGet();
        maxRunning.accumulateAndGet(now, Math::max);
        try {
            events.add(event);
            return behaviour.apply(event);
        } finally {
            running.decrementAndGet();
        }
    }

    List<JsonNode> events() {
        return List.copyOf(events);
    }

    /** Every record of every event, in invocation order. */
    List<JsonNode> records() {
        List<JsonNode> all = new ArrayList<>();
        events.forEach(e -> e.get("Records").forEach(all::add));
        return all;
    }

    /** The trace each invocation was made in, in invocation order (only the trace-carrying overload's). */
    List<TraceContext> traces() {
        return List.copyOf(traces);
    }

    int maxConcurrent() {
        return maxRunning.get();
    }

    String lastArn() {
        return lastArn;
    }

    static Invocation error() {
        return Invocation.unhandled("{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\"}"
                .getBytes(StandardCharsets.UTF_8));
    }

    static Invocation failures(List<String> itemIdentifiers) {
        StringBuilder json = new StringBuilder("{\"batchItemFailures\":[");
        for (int i = 0; i < itemIdentifiers.size(); i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"itemIdentifier\":\"")
                    .append(itemIdentifiers.get(i))
                    .append("\"}");
        }
        return Invocation.success(json.append("]}").toString().getBytes(StandardCharsets.UTF_8));
    }

    static Invocation ok() {
        return Invocation.success(new byte[0]);
    }
}
