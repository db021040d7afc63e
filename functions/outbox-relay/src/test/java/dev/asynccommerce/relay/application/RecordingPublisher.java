package dev.asynccommerce.relay.application;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * In-memory event bus for tests: records every call, accepts every entry unless the test scripted
 * a refusal for its event id, and can fail whole calls.
 */
public final class RecordingPublisher implements EventPublisher {
    private final List<List<OutboxRecord>> calls = new ArrayList<>();
    private final Map<String, Deque<String>> scriptedErrors = new HashMap<>();
    private final Map<String, String> permanentErrors = new HashMap<>();
    private int callsToThrowOn;
    private int busIds;

    /** The next {@code times} calls carrying {@code eventId} refuse it with {@code errorCode}. */
    public RecordingPublisher refuse(String eventId, String errorCode, int times) {
        Deque<String> errors = scriptedErrors.computeIfAbsent(eventId, id -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            errors.add(errorCode);
        }
        return this;
    }

    /** Every call carrying {@code eventId} refuses it. */
    public RecordingPublisher refuseAlways(String eventId, String errorCode) {
        permanentErrors.put(eventId, errorCode);
        return this;
    }

    /** The next {@code times} calls throw, as a client would on a failed call. */
    public RecordingPublisher throwOnNextCalls(int times) {
        callsToThrowOn = times;
        return this;
    }

    @Override
    public List<PublishResult> publish(List<OutboxRecord> records) {
        calls.add(List.copyOf(records));
        if (callsToThrowOn > 0) {
            callsToThrowOn--;
            throw new IllegalStateException("connection reset");
        }
        List<PublishResult> results = new ArrayList<>();
        for (OutboxRecord record : records) {
            Deque<String> errors = scriptedErrors.getOrDefault(record.eventId(), new ArrayDeque<>());
            String error = permanentErrors.getOrDefault(record.eventId(), errors.pollFirst());
            results.add(
                    error != null ? new PublishResult.Failed(error) : new PublishResult.Published("bus-" + ++busIds));
        }
        return results;
    }

    public List<List<OutboxRecord>> calls() {
        return calls;
    }

    public List<List<String>> callEventIds() {
        return calls.stream()
                .map(call -> call.stream().map(OutboxRecord::eventId).toList())
                .toList();
    }

    public List<String> sentEventIds() {
        return calls.stream().flatMap(List::stream).map(OutboxRecord::eventId).toList();
    }
}
