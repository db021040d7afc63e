package dev.asynccommerce.localstack.spi;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.logging.log4j.LogManager;

/**
 * What a service holds only in memory and {@code ./local-stack --persist DIR} carries over a restart
 * (docs/decisions/2026-11-21-local-stack-persistence.md). The stack owns the files: it asks each
 * service for its state when it stops and hands it back when it starts again; a service never learns
 * where, or whether, its state is kept.
 *
 * <p>Order, which every implementation may rely on: {@link #saveState()} is called once, after the
 * stack stopped its event-source pollers and closed its WebSocket connections but while its endpoint
 * still answers (so that work under way is not failed by the stop and saved as failed), and before the
 * service's own {@code close()}. Work the service starts after saving is not in the saved state: it
 * should start none it cannot do again after the restart (at-least-once). {@link
 * #restoreState(JsonNode)} is called once, after the deployment created the resources again (same
 * names, same ARNs) and before the stack reports itself ready; the stack clock is already back then.
 */
public interface PersistentState {
    /** A short name, unique in the stack; the stack's file for this state is named after it. */
    String stateName();

    /**
     * The state to carry over, as plain JSON (no Java serialization, so a file written by one build
     * can be read by the next). Never throws for a state it cannot fully capture: it leaves that part
     * out and says so in the log.
     */
    JsonNode saveState();

    /**
     * Takes back what an earlier {@link #saveState()} answered. Parts naming a resource the deployment
     * no longer has are skipped with a warning, never an error: the template may have changed between
     * the two runs.
     */
    void restoreState(JsonNode state);

    /**
     * Whether {@code state} carries {@code "version": version}, the format this build writes; if not, the
     * log says so, and the caller restores nothing of it (a file written by another build is not guessed at).
     */
    static boolean isVersion(JsonNode state, int version, String stateName) {
        if (state != null && state.path("version").asInt(-1) == version) {
            return true;
        }
        LogManager.getLogger(PersistentState.class)
                .warn(
                        "The saved {} state has version {}, not {}, the one this build reads: nothing of it is restored",
                        stateName,
                        state == null ? "(none)" : state.path("version").asText("(none)"),
                        version);
        return false;
    }
}
