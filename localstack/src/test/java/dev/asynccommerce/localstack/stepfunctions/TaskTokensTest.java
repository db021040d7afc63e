package dev.asynccommerce.localstack.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The bookkeeping behind TaskTimedOut and TaskDoesNotExist, and its bound. */
class TaskTokensTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final TaskTokens tokens = new TaskTokens(now::get);
    private final List<TaskTokens.Outcome> delivered = new ArrayList<>();

    private String openTask() {
        String token = tokens.issue();
        tokens.open(token, new StepFunctionsEngine.OpenTask(token, "arn:exec", "Wait"), delivered::add);
        return token;
    }

    private void advance(Duration duration) {
        now.set(now.get().plus(duration));
    }

    private static String errorOf(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e.type();
        }
        return null;
    }

    @Test
    void aTokenClosedByItsTaskIsTimedOutAndAnotherDoesNotExist() {
        String timedOut = openTask();
        String succeeded = openTask();

        tokens.close(timedOut);
        tokens.deliver(succeeded, new TaskTokens.Success(Json.object()));

        assertThat(errorOf(() -> tokens.deliver(timedOut, new TaskTokens.Heartbeat())))
                .isEqualTo("TaskTimedOut");
        assertThat(errorOf(() -> tokens.deliver(succeeded, new TaskTokens.Failure("E", "c"))))
                .isEqualTo("TaskTimedOut");
        assertThat(errorOf(() -> tokens.deliver(tokens.issue(), new TaskTokens.Heartbeat())))
                .isEqualTo("TaskDoesNotExist");
        assertThat(delivered).hasSize(1);
    }

    @Test
    void closedTokensAreForgottenOnceOlderThanTheRetentionWindow() {
        List<String> early = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            String token = openTask();
            tokens.close(token);
            early.add(token);
        }
        advance(Duration.ofDays(1));
        String late = openTask();
        tokens.close(late);
        assertThat(tokens.closedCount()).isEqualTo(1_001);

        advance(TaskTokens.CLOSED_RETENTION.minusDays(1));
        assertThat(tokens.closedCount()).as("exactly at the window's end").isEqualTo(1_001);
        advance(Duration.ofMillis(1));

        assertThat(tokens.closedCount()).isEqualTo(1);
        assertThat(errorOf(() -> tokens.deliver(early.getFirst(), new TaskTokens.Heartbeat())))
                .isEqualTo("TaskDoesNotExist");
        assertThat(errorOf(() -> tokens.deliver(late, new TaskTokens.Heartbeat())))
                .isEqualTo("TaskTimedOut");
    }

    @Test
    void clearForgetsOpenAndClosedTokensAndALateCloseDoesNotBringOneBack() {
        String open = openTask();
        String closed = openTask();
        tokens.close(closed);

        tokens.clear();
        // The task of an aborted execution closes its token after the stack forgot it.
        tokens.close(open);

        assertThat(tokens.openCount()).isZero();
        assertThat(tokens.openTasks()).isEmpty();
        assertThat(tokens.closedCount()).isZero();
        assertThat(errorOf(() -> tokens.deliver(closed, new TaskTokens.Heartbeat())))
                .isEqualTo("TaskDoesNotExist");
        assertThat(errorOf(() -> tokens.deliver(open, new TaskTokens.Heartbeat())))
                .isEqualTo("TaskDoesNotExist");
    }

    @Test
    void aHeartbeatKeepsTheTokenOpen() {
        String token = openTask();

        tokens.deliver(token, new TaskTokens.Heartbeat());
        tokens.deliver(token, new TaskTokens.Heartbeat());

        assertThat(tokens.openCount()).isEqualTo(1);
        assertThat(delivered).hasSize(2).allMatch(o -> o instanceof TaskTokens.Heartbeat);
        assertThatThrownBy(() -> tokens.deliver("not-a-token", new TaskTokens.Heartbeat()))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("Invalid Token");
    }
}
