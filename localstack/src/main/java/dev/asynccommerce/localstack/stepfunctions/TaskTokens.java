package dev.asynccommerce.localstack.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Task tokens of tasks waiting with {@code .waitForTaskToken}. A token is open while its task
 * waits; once the task ends (success, failure, timeout, the execution stopping) it is closed, and
 * using it again answers TaskTimedOut, as AWS does for a token whose task "has already been closed".
 */
final class TaskTokens {
    private static final String PREFIX = "AQCsAAAAKgAAAAMAAAAAAAAAA";

    /** What a waiting task is told. */
    sealed interface Outcome permits Success, Failure, Heartbeat {}

    record Success(JsonNode output) implements Outcome {}

    record Failure(String error, String cause) implements Outcome {}

    record Heartbeat() implements Outcome {}

    private final Map<String, Consumer<Outcome>> open = new ConcurrentHashMap<>();
    private final Map<String, StepFunctionsEngine.OpenTask> described = new ConcurrentHashMap<>();
    private final Set<String> closed = ConcurrentHashMap.newKeySet();

    String issue() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(32);
        bytes.putLong(a.getMostSignificantBits()).putLong(a.getLeastSignificantBits());
        bytes.putLong(b.getMostSignificantBits()).putLong(b.getLeastSignificantBits());
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    void open(String token, StepFunctionsEngine.OpenTask task, Consumer<Outcome> listener) {
        described.put(token, task);
        open.put(token, listener);
    }

    void close(String token) {
        described.remove(token);
        if (open.remove(token) != null) {
            closed.add(token);
        }
    }

    java.util.List<StepFunctionsEngine.OpenTask> openTasks() {
        return java.util.List.copyOf(described.values());
    }

    int openCount() {
        return open.size();
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
        Consumer<Outcome> listener = outcome instanceof Heartbeat ? open.get(token) : open.remove(token);
        if (listener == null) {
            if (closed.contains(token)) {
                throw new ApiException("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
            }
            throw new ApiException("TaskDoesNotExist", "Task Does Not Exist: 'Provided task does not exist'");
        }
        if (!(outcome instanceof Heartbeat)) {
            closed.add(token);
            described.remove(token);
        }
        listener.accept(outcome);
    }
}
