package dev.asynccommerce.localstack.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The part of a running execution's history that its re-run after a restart of the stack has still to
 * reach. The re-run writes its events through {@link #take}: an event equal to a recorded one (same
 * type and details, chained to the same previous event) is not written again, and the interpreter goes
 * on with the recorded event's id and timestamp. Events are looked up by the event they are chained to,
 * so concurrent Parallel branches and Map iterations each find their own, whatever order their threads
 * run in; among equal events the first recorded is taken.
 */
final class Replay {
    /** Recorded events not yet reached, by their previousEventId, each list in id order. */
    private final Map<Long, List<History.Event>> pendingByPrevious = new HashMap<>();

    private int pending;

    /** Replays the events of {@code recorded} after {@code firstEventId} (ExecutionStarted or ExecutionRedriven). */
    Replay(List<History.Event> recorded, long firstEventId) {
        for (History.Event event : recorded) {
            if (event.id() > firstEventId) {
                pendingByPrevious
                        .computeIfAbsent(event.previousEventId(), k -> new ArrayList<>())
                        .add(event);
                pending++;
            }
        }
    }

    /**
     * Takes the first recorded event chained to {@code previous} that is the event being written, or
     * answers null when there is none.
     */
    synchronized History.Event take(long previous, String type, String detailsName, JsonNode details) {
        List<History.Event> candidates = pendingByPrevious.get(previous);
        if (candidates == null) {
            return null;
        }
        for (Iterator<History.Event> it = candidates.iterator(); it.hasNext(); ) {
            History.Event event = it.next();
            if (event.type().equals(type)
                    && Objects.equals(event.detailsName(), detailsName)
                    && sameDetails(event.details(), details)) {
                it.remove();
                forget(previous, candidates);
                return event;
            }
        }
        return null;
    }

    /** Takes {@code event}, found with {@link #after}; false when it was taken already. */
    synchronized boolean take(History.Event event) {
        List<History.Event> candidates = pendingByPrevious.get(event.previousEventId());
        if (candidates == null || !candidates.remove(event)) {
            return false;
        }
        forget(event.previousEventId(), candidates);
        return true;
    }

    private void forget(long previous, List<History.Event> candidates) {
        pending--;
        if (candidates.isEmpty()) {
            pendingByPrevious.remove(previous);
        }
    }

    /** The recorded events not yet reached that are chained to {@code previous}, in id order. */
    synchronized List<History.Event> after(long previous) {
        List<History.Event> candidates = pendingByPrevious.get(previous);
        return candidates == null ? List.of() : List.copyOf(candidates);
    }

    /**
     * Whether the recording goes on after {@code previous} in a way an event of {@code type} does not
     * match: the re-run has left the recorded path. A Map iteration's start is the exception: it names
     * its index, so when no recorded one matches, that iteration had not started when the stack stopped.
     */
    synchronized boolean continuesOtherwise(long previous, String type) {
        return pendingByPrevious.containsKey(previous) && !type.endsWith("IterationStarted");
    }

    /** Recorded events not yet reached. */
    synchronized int pending() {
        return pending;
    }

    /** The earliest recorded event not yet reached, or null. */
    synchronized History.Event firstPending() {
        return pendingByPrevious.values().stream()
                .flatMap(List::stream)
                .min(Comparator.comparingLong(History.Event::id))
                .orElse(null);
    }

    /**
     * Whether two events' details are the same. Numbers compare by value and JSON texts (inputs,
     * outputs) by what they denote, so that a value parsed back from the saved state (1.0E-5 read as
     * 0.000010) still matches the one written before the restart.
     */
    static boolean sameDetails(JsonNode recorded, JsonNode written) {
        if (recorded == null || written == null) {
            return recorded == null && written == null;
        }
        return recorded.equals(written) || recorded.equals(Replay::compareLeaves, written);
    }

    private static int compareLeaves(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;
        }
        if (a.isTextual() && b.isTextual()) {
            return sameJsonText(a.asText(), b.asText()) ? 0 : 1;
        }
        return a.equals(b) ? 0 : 1;
    }

    private static boolean sameJsonText(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        JsonNode x;
        JsonNode y;
        try {
            x = Json.parse(a);
            y = Json.parse(b);
        } catch (IllegalArgumentException notJson) {
            return false;
        }
        return x.equals(Replay::compareValues, y);
    }

    /** Inside a JSON text: numbers by value, everything else exactly. */
    private static int compareValues(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;
        }
        return a.equals(b) ? 0 : 1;
    }
}
