package dev.asynccommerce.fulfillment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.StoreId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CollectionWaitTest {
    private static final OrderId ORDER = new OrderId("ord_01jdq8r5w3k7m2n9p4t6v8x0zb");
    private static final Instant NOW = Instant.parse("2026-11-21T17:00:00Z");

    private static CollectionWait awaiting() {
        return CollectionWait.awaiting(
                ORDER, new StoreId("store-001"), "048213", new TaskToken("token-1"), false, "corr-1", NOW);
    }

    @Test
    void theCodeIsKeptAsADigestOfOrderAndCodeNeverAsIs() {
        CollectionWait wait = awaiting();

        assertThat(wait.code().hex()).hasSize(64).doesNotContain("048213");
        assertThat(wait.code())
                .isEqualTo(PickupCodeDigest.of(ORDER, "048213"))
                .isNotEqualTo(PickupCodeDigest.of(new OrderId("ord_01jdq8r5w3k7m2n9p4t6v8x0zc"), "048213"));
        assertThat(wait.toString()).doesNotContain("048213").doesNotContain("token-1");
    }

    @Test
    void theRightCodeCollectsAndAWrongOneChangesNothing() {
        CollectionWait wait = awaiting();

        assertThat(wait.collect("048214", NOW)).isInstanceOf(CollectionDecision.WrongCode.class);
        assertThat(wait.collect(null, NOW)).isInstanceOf(CollectionDecision.WrongCode.class);
        CollectionWait collected = ((CollectionDecision.Collected) wait.collect("048213", NOW)).collection();
        assertThat(collected.status()).isEqualTo(CollectionStatus.COLLECTED);
        assertThat(collected.version()).isEqualTo(2);
        assertThat(collected.closedAt()).isEqualTo(NOW);
    }

    @Test
    void collectingAgainIsRecognisedAndACancelledOrderIsNotAwaited() {
        CollectionWait collected = ((CollectionDecision.Collected) awaiting().collect("048213", NOW)).collection();

        assertThat(collected.collect("048213", NOW)).isEqualTo(new CollectionDecision.AlreadyCollected(collected));
        assertThat(awaiting().cancel(NOW).collect("048213", NOW)).isInstanceOf(CollectionDecision.NotAwaited.class);
    }

    @Test
    void aReminderIsTheSameWaitWithANewToken() {
        CollectionWait wait = awaiting();

        CollectionWait reminded = wait.withToken(new TaskToken("token-2"), true);

        assertThat(reminded.token()).isEqualTo(new TaskToken("token-2"));
        assertThat(reminded.reminded()).isTrue();
        assertThat(reminded.code()).isEqualTo(wait.code());
        assertThat(reminded.withToken(new TaskToken("token-2"), true)).isSameAs(reminded);
        assertThatThrownBy(() -> wait.cancel(NOW).withToken(new TaskToken("token-3"), true))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlySixDigitsAreACode() {
        assertThat(PickupCodeDigest.isCode("048213")).isTrue();
        assertThat(PickupCodeDigest.isCode("48213")).isFalse();
        assertThat(PickupCodeDigest.isCode("048213\n")).isFalse();
        assertThat(PickupCodeDigest.isCode("04821a")).isFalse();
        assertThatThrownBy(() -> PickupCodeDigest.of(ORDER, "12")).isInstanceOf(IllegalArgumentException.class);
    }
}
