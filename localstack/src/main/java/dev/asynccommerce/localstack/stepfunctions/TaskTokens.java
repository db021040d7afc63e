package dev.asynccommerce.localstack.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Task tokens of tasks waiting with {@code .waitForTaskToken}. A token is open while its task
 * waits; once the task ends (success, failure, timeout, the execution stopping) it is closed, and
 * using it again answers TaskTimedOut, as AWS does for a token whose task "has already been closed".
 *
 * <p>A closed token is remembered only to tell TaskTimedOut from TaskDoesNotExist, and only for
 * {@link #CLOSED_RETENTION} on the stack clock, or until the stack forgets every execution ({@link
 * #clear}); after that it answers TaskDoesNotExist, as a token of an execution AWS no longer keeps
 * would. So a long-running stack holds a bounded number of tokens, not every token it ever issued.
 */
final class TaskTokens {
    /**
     * How long a closed token is remembered: AWS keeps a closed execution's history for 90 days
     * (developer guide, service-quotas.html: "Maximum execution history retention time: 90 days"),
     * and no longer knows its tasks after that. Counted here from the task's end, not the
     * execution's: a token whose execution runs on for months after it closed is forgotten sooner.
     */
    static final Duration CLOSED_RETENTION = Duration.ofDays(90);

    private static final String PREFIX = "AQCsAAAAKgAAAAMAAAAAAAAAA";

    /** What a waiting task is told. */
    sealed interface Outcome permits Success, Failure, Heartbeat {}

    record Success(JsonNode output) implements Outcome {}

    record Failure(String error, String cause) implements Outcome {}

    record Heartbeat() implements Outcome {}

    /** A closed token and when it closed. */
    record Closed(String token, Instant at) {}

    private final Supplier<Instant> clock;
    private final Map<String, Consumer<Outcome>> open = new ConcurrentHashMap<>();
    private final Map<String, StepFunctionsEngine.OpenTask> described = new ConcurrentHashMap<>();
    /** When each open token's task last showed it was alive: its start, then its last SendTaskHeartbeat. */
    private final Map<String, Instant> lastHeartbeat = new ConcurrentHashMap<>();
    /** Closed tokens and when each closed; read without the lock, written under it. */
    private final Map<String, Instant> closed = new ConcurrentHashMap<>();
    /**
     * The same tokens in the order they closed, oldest first (the stack clock never runs back), so
     * forgetting the expired ones looks only at the head. Guarded by {@code closing}, which also
     * makes "no longer open, now closed" one step against {@link #clear}.
     */
    private final Deque<Closed> closedInOrder = new ArrayDeque<>();

    private final Object closing = new Object();

    TaskTokens(Supplier<Instant> clock) {
        this.clock = clock;
    }

    String issue() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(32);
        bytes.putLong(a.getMostSignificantBits()).putLong(a.getLeastSignificantBits());
        bytes.putLong(b.getMostSignificantBits()).putLong(b.getLeastSignificantBits());
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    void open(String token, StepFunctionsEngine.OpenTask task, Consumer<Outcome> listener) {
        open(token, task, clock.get(), listener);
    }

    /** Opens {@code token}, its task last alive at {@code heartbeatAt} (earlier than now for a task resumed after a restart). */
    void open(String token, StepFunctionsEngine.OpenTask task, Instant heartbeatAt, Consumer<Outcome> listener) {
        lastHeartbeat.put(token, heartbeatAt);
        described.put(token, task);
        open.put(token, listener);
    }

    /** When the task of open {@code token} last showed it was alive, or null when the token is not open. */
    Instant lastHeartbeat(String token) {
        return open.containsKey(token) ? lastHeartbeat.get(token) : null;
    }

    /** The closed tokens still remembered, oldest first. */
    List<Closed> closedTokens() {
        synchronized (closing) {
            forgetExpired();
            return List.copyOf(closedInOrder);
        }
    }

    /**
     * Remembers {@code token} as closed at {@code at} (a token closed before a restart of the stack, or
     * one whose task cannot be resumed), unless it is open or remembered already. Tokens must come
     * oldest first, as {@link #closedTokens()} lists them.
     */
    void restoreClosed(String token, Instant at) {
        synchronized (closing) {
            if (open.containsKey(token) || closed.containsKey(token)) {
                return;
            }
            closed.put(token, at);
            closedInOrder.addLast(new Closed(token, at));
            forgetExpired();
        }
    }

    /** The task of {@code token} ended without a SendTask* call (timeout, abort): the token is closed. */
    void close(String token) {
        described.remove(token);
        lastHeartbeat.remove(token);
        synchronized (closing) {
            if (open.remove(token) != null) {
                remember(token);
            }
        }
    }

    /** Forgets every token, open or closed (the stack forgot every execution). */
    void clear() {
        synchronized (closing) {
            open.clear();
            described.clear();
            lastHeartbeat.clear();
            closed.clear();
            closedInOrder.clear();
        }
    }

    List<StepFunctionsEngine.OpenTask> openTasks() {
        return List.copyOf(described.values());
    }

    int openCount() {
        return open.size();
    }

    /** Closed tokens still remembered (for tests of the bound). */
    int closedCount() {
        synchronized (closing) {
            forgetExpired();
            return closed.size();
        }
    }

    /** Delivers {@code outcome}; throws the API error AWS answers for a bad or closed token. */
    void deliver(String token, Outcome outcome) {
        if (token == null || token.isEmpty() || token.length() > 2048) {
            throw new ApiException(
                    "ValidationException",
                    "1 validation error detected: Value at 'taskToken' failed to satisfy constraint: Member must have length between 1 and 2048");
        }
        if (!token.startsWith(PREFIX)) {
            throw new ApiException("InvalidToken", "Invalid Token: 'Invalid token'");
        }
        Consumer<Outcome> listener;
        if (outcome instanceof Heartbeat) {
            listener = open.get(token);
            if (listener != null) {
                lastHeartbeat.put(token, clock.get());
            }
        } else {
            synchronized (closing) {
                listener = open.remove(token);
                if (listener != null) {
                    remember(token);
                }
            }
        }
        if (listener == null) {
            synchronized (closing) {
                forgetExpired();
            }
            if (closed.containsKey(token)) {
                throw new ApiException("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
            }
            throw new ApiException("TaskDoesNotExist", "Task Does Not Exist: 'Provided task does not exist'");
        }
        if (!(outcome instanceof Heartbeat)) {
            described.remove(token);
            lastHeartbeat.remove(token);
        }
        listener.accept(outcome);
    }

    /** Records {@code token} as closed now; the caller holds {@code closing}. */
    private void remember(String token) {
        forgetExpired();
        Instant now = clock.get();
        closed.put(token, now);
        closedInOrder.addLast(new Closed(token, now));
    }

    /** Drops the closed tokens older than the retention window; the caller holds {@code closing}. */
    private void forgetExpired() {
        Instant oldestKept = clock.get().minus(CLOSED_RETENTION);
        Closed head;
        while ((head = closedInOrder.peekFirst()) != null && head.at().isBefore(oldestKept)) {
            closedInOrder.removeFirst();
            closed.remove(head.token(), head.at());
        }
    }
}
