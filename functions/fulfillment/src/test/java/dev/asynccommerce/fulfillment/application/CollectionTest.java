package dev.asynccommerce.fulfillment.application;

import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.CODE;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.ESCALATION_TOKEN;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.ORDER;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.OTHER_STORE;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.STORE;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.fulfillment.domain.CollectionStatus;
import dev.asynccommerce.fulfillment.domain.CollectionWait;
import org.junit.jupiter.api.Test;

/** AWAIT_COLLECTION and the collected route together: the wait and what ends it. */
class CollectionTest {
    private final FulfillmentFixture fixture = new FulfillmentFixture();
    private final AwaitCollection await = fixture.wiring.awaitCollection();
    private final ConfirmCollection confirm = fixture.wiring.confirmCollection();

    @Test
    void theWaitKeepsTheCodesDigestAndTheToken() {
        AwaitCollection.Outcome outcome = await.execute(fixture.awaitCommand(TOKEN, false));

        CollectionWait wait = fixture.collectionWaits.find(ORDER).orElseThrow();
        assertThat(outcome).isEqualTo(new AwaitCollection.Outcome.Awaiting(wait));
        assertThat(wait.token()).isEqualTo(TOKEN);
        assertThat(wait.code().matches(ORDER, CODE)).isTrue();
        assertThat(fixture.callbacks.calls()).isEmpty();
    }

    @Test
    void theRightCodeCompletesTheTokenWithCollectedAndAWrongOneChangesNothing() {
        fixture.awaitCollection();

        assertThat(confirm.execute(STORE, ORDER.value(), "111111"))
                .isInstanceOf(ConfirmCollection.Result.WrongCode.class);
        assertThat(fixture.collectionWaits.find(ORDER).orElseThrow().status()).isEqualTo(CollectionStatus.AWAITING);
        assertThat(fixture.callbacks.calls()).isEmpty();

        assertThat(confirm.execute(STORE, ORDER.value(), CODE))
                .isEqualTo(new ConfirmCollection.Result.Collected(ORDER, false));
        assertThat(fixture.collectionWaits.find(ORDER).orElseThrow().status()).isEqualTo(CollectionStatus.COLLECTED);
        assertThat(fixture.callbacks.delivered()).singleElement().satisfies(call -> {
            assertThat(call.token()).isEqualTo(TOKEN.value());
            assertThat(call.result()).isEqualTo(new WorkflowCallbacks.StepResult.Collected());
        });
        assertThat(confirm.execute(STORE, ORDER.value(), CODE))
                .isEqualTo(new ConfirmCollection.Result.Collected(ORDER, true));
    }

    @Test
    void theReminderHandsTheSameWaitANewTokenWhichTheCollectionCompletes() {
        fixture.awaitCollection();

        await.execute(fixture.awaitCommand(ESCALATION_TOKEN, true));
        confirm.execute(STORE, ORDER.value(), CODE);

        assertThat(fixture.collectionWaits.find(ORDER).orElseThrow().reminded()).isTrue();
        assertThat(fixture.callbacks.delivered())
                .extracting(RecordingCallbacks.Call::token)
                .containsExactly(ESCALATION_TOKEN.value());
    }

    @Test
    void anotherStoreOrAnOrderNotAwaitedIsNotFound() {
        fixture.awaitCollection();

        assertThat(confirm.execute(OTHER_STORE, ORDER.value(), CODE))
                .isInstanceOf(ConfirmCollection.Result.NotFound.class);
        assertThat(confirm.execute(STORE, FulfillmentFixture.OTHER_ORDER.value(), CODE))
                .isInstanceOf(ConfirmCollection.Result.NotFound.class);
        assertThat(fixture.callbacks.calls()).isEmpty();
    }

    @Test
    void awaitingAnOrderCollectedAlreadyAnswersTheNewTokenAtOnce() {
        fixture.awaitCollection();
        confirm.execute(STORE, ORDER.value(), CODE);

        assertThat(await.execute(fixture.awaitCommand(ESCALATION_TOKEN, true)))
                .isInstanceOf(AwaitCollection.Outcome.AlreadyCollected.class);
        assertThat(fixture.callbacks.delivered())
                .extracting(RecordingCallbacks.Call::token)
                .containsExactly(TOKEN.value(), ESCALATION_TOKEN.value());
    }
}
