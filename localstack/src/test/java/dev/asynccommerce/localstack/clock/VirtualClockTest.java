package dev.asynccommerce.localstack.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class VirtualClockTest {
    private static final Instant T0 = Instant.parse("2026-11-21T00:00:00Z");

    @Test
    void aManualClockStandsStillUntilAdvanced() {
        VirtualClock clock = VirtualClock.manual(T0);

        assertThat(clock.now()).isEqualTo(T0);
        assertThat(clock.advance(Duration.ofDays(3))).isEqualTo(T0.plus(Duration.ofDays(3)));
        assertThat(clock.now()).isEqualTo(T0.plus(Duration.ofDays(3)));
    }

    @Test
    void advanceFiresDueTimersInDueOrderWithNowAtEachDueInstant() {
        VirtualClock clock = VirtualClock.manual(T0);
        List<String> fired = new CopyOnWriteArrayList<>();
        clock.schedule(T0.plusSeconds(30), () -> fired.add("b@" + clock.now()));
        clock.schedule(T0.plusSeconds(10), () -> fired.add("a@" + clock.now()));
        clock.schedule(T0.plusSeconds(90), () -> fired.add("late"));

        clock.advance(Duration.ofMinutes(1));

        assertThat(fired).containsExactly("a@" + T0.plusSeconds(10), "b@" + T0.plusSeconds(30));
        assertThat(clock.pendingTimers()).isEqualTo(1);
    }

    @Test
    void aTimerScheduledByAFiringTimerInsideTheWindowFiresInTheSameAdvance() {
        VirtualClock clock = VirtualClock.manual(T0);
        List<Instant> fired = new CopyOnWriteArrayList<>();
        clock.schedule(T0.plusSeconds(10), () -> {
            fired.add(clock.now());
            clock.schedule(clock.now().plusSeconds(10), () -> fired.add(clock.now()));
        });

        clock.advance(Duration.ofSeconds(25));

        assertThat(fired).containsExactly(T0.plusSeconds(10), T0.plusSeconds(20));
    }

    @Test
    void aCancelledTimerNeverFires() {
        VirtualClock clock = VirtualClock.manual(T0);
        List<String> fired = new CopyOnWriteArrayList<>();
        VirtualClock.Timer timer = clock.schedule(T0.plusSeconds(1), () -> fired.add("x"));

        assertThat(timer.cancel()).isTrue();
        clock.advance(Duration.ofSeconds(2));

        assertThat(fired).isEmpty();
        assertThat(timer.cancel()).isFalse();
    }

    @Test
    void theClockNeverMovesBackwards() {
        VirtualClock clock = VirtualClock.manual(T0);

        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void advanceWaitsForRegisteredWorkToSettleAfterEachTimer() {
        VirtualClock clock = VirtualClock.manual(T0);
        List<String> order = new CopyOnWriteArrayList<>();
        clock.addQuiescence(limit -> {
            order.add("settled");
            return true;
        });
        clock.schedule(T0.plusSeconds(1), () -> order.add("fired"));

        clock.advance(Duration.ofSeconds(1));

        assertThat(order).containsExactly("settled", "fired", "settled");
    }

    @Test
    void aFlowingClockFiresTimersAsTheBaseClockPasses() throws Exception {
        VirtualClock clock = VirtualClock.flowing(java.time.Clock.systemUTC());
        try {
            java.util.concurrent.CountDownLatch fired = new java.util.concurrent.CountDownLatch(1);
            clock.schedule(clock.now().plusMillis(50), fired::countDown);

            assertThat(fired.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            Instant before = clock.now();
            clock.advance(Duration.ofHours(1));
            assertThat(clock.now()).isAfterOrEqualTo(before.plus(Duration.ofHours(1)));
        } finally {
            clock.close();
        }
    }
}
