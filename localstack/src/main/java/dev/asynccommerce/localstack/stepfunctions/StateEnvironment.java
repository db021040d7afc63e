package dev.asynccommerce.localstack.stepfunctions;

import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * What the state being evaluated on this thread takes from outside its input: random values ({@code
 * States.UUID}, {@code States.MathRandom} without a seed, {@code $uuid()}, {@code $random()}, retry
 * jitter, the generated name of a child execution) and the current time ({@code $now()}, {@code
 * $millis()}).
 *
 * <p>The interpreter binds one to the thread of each state it runs, its random values seeded from the
 * execution's seed and the state's StateEntered event id, and its time the execution's "now" ({@link
 * Interpreter#now}: the time of the last event written, which a replay reads back from the history). So an
 * execution re-run after a restart of the stack ({@link Replay}) draws the very values, and sees the very
 * time, that its first run did, and its history matches the recorded one. Across executions the values
 * stay random: every execution has its own random seed. Off an execution's thread (an API call), the
 * values are plain random and the time is the wall clock.
 */
final class StateEnvironment {
    private static final ThreadLocal<StateEnvironment> CURRENT = new ThreadLocal<>();
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final SplittableRandom random;
    private final Supplier<Instant> now;

    private StateEnvironment(long seed, Supplier<Instant> now) {
        this.random = new SplittableRandom(seed);
        this.now = now;
    }

    /** Binds a new environment to this thread; answers the one it replaces, for {@link #restore}. */
    static StateEnvironment bind(long seed, Supplier<Instant> now) {
        StateEnvironment previous = CURRENT.get();
        CURRENT.set(new StateEnvironment(seed, now));
        return previous;
    }

    /** Puts back what {@link #bind} replaced. */
    static void restore(StateEnvironment previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    /** This thread's random values: the bound state's, else plain random ones. */
    static RandomGenerator random() {
        StateEnvironment current = CURRENT.get();
        return current == null ? ThreadLocalRandom.current() : current.random;
    }

    /** The bound state's current time (its last event's, whether written or replayed), else the wall clock. */
    static Instant now() {
        StateEnvironment current = CURRENT.get();
        return current == null ? Instant.now() : current.now.get();
    }

    /** A version 4 UUID from {@link #random()}. */
    static UUID uuid() {
        RandomGenerator random = random();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }

    /** A seed derived from {@code seed} and {@code parts}, well spread (SplitMix64's finalizer). */
    static long seed(long seed, long... parts) {
        long h = mix(seed);
        for (long part : parts) {
            h = mix(h ^ mix(part + GOLDEN_GAMMA));
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
