package dev.asynccommerce.fulfillment.adapter.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asynccommerce.fulfillment.application.FulfillmentFixture;
import dev.asynccommerce.fulfillment.application.WorkflowCallbacks.StepResult;
import dev.asynccommerce.fulfillment.domain.PickOutcome;
import org.junit.jupiter.api.Test;

/** The step outputs the state machine's Choice states read (docs/bopis-workflow.md, fulfillment). */
class StepFunctionsCallbacksTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aPickAnswersItsOutcomeAndLines() throws Exception {
        var output = json.readTree(StepFunctionsCallbacks.output(
                new StepResult.Picked(PickOutcome.SHORT_PICKED, FulfillmentFixture.LINES)));

        assertThat(output.path("outcome").asText()).isEqualTo("SHORT_PICKED");
        assertThat(output.path("lines").get(0).path("sku").asText()).isEqualTo("SKU-0001");
        assertThat(output.path("lines").get(0).path("quantity").asInt()).isEqualTo(2);
    }

    @Test
    void aCollectionAnswersCollected() throws Exception {
        assertThat(json.readTree(StepFunctionsCallbacks.output(new StepResult.Collected())))
                .isEqualTo(json.readTree("{\"outcome\":\"COLLECTED\"}"));
    }
}
