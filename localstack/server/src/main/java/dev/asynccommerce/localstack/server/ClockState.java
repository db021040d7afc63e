package dev.asynccommerce.localstack.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.localstack.clock.VirtualClock;
import dev.asynccommerce.localstack.spi.PersistentState;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The stack clock across a restart. A clock that follows the wall clock keeps how far it was advanced
 * ({@code POST /_local/clock/advance}) and goes on from there, so the time the stack was down passes on
 * it as on the wall: a timer that fell due meanwhile fires at the start, as a timer of a stopped service
 * on AWS would run late. A manual clock (tests) comes back at the instant it showed, and nothing passes
 * while stopped. Never set back: a clock already later than the saved one is left alone.
 */
final class ClockState implements PersistentState {
    private static final Logger LOG = LogManager.getLogger(ClockState.class);
    private static final int VERSION = 1;

    private final VirtualClock clock;
    private final boolean manual;
    private final Supplier<Instant> wall;

    ClockState(VirtualClock clock, boolean manual, Supplier<Instant> wall) {
        this.clock = clock;
        this.manual = manual;
        this.wall = wall;
    }

    @Override
    public String stateName() {
        return "clock";
    }

    @Override
    public JsonNode saveState() {
        Instant now = clock.now();
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        state.put("version", VERSION);
        state.put("now", now.toString());
        state.put("advancedMillis", Duration.between(wall.get(), now).toMillis());
        return state;
    }

    @Override
    public void restoreState(JsonNode state) {
        if (!PersistentState.isVersion(state, VERSION, stateName())) {
            return;
        }
        Instant target;
        try {
            target = manual
                    ? Instant.parse(state.path("now").asText())
                    : wall.get().plusMillis(state.path("advancedMillis").asLong());
        } catch (DateTimeParseException e) {
            LOG.warn("The saved clock is unreadable: the clock starts afresh");
            return;
        }
        Duration ahead = Duration.between(clock.now(), target);
        if (ahead.isPositive()) {
            clock.advance(ahead);
        }
    }
}
