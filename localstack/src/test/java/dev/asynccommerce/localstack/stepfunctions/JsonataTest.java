package dev.asynccommerce.localstack.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.localstack.stepfunctions.testing.AslHarness;
import dev.asynccommerce.localstack.stepfunctions.testing.AslRun;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * JSONata states. Sources: transforming-data.html (Arguments, Output, $states, Condition) and
 * workflow-variables.html (Assign with JSONata).
 */
class JsonataTest {
    @Test
    void argumentsOutputAndStatesResultOfATask() {
        AslRun run = AslHarness.of("""
                {"QueryLanguage":"JSONata","StartAt":"T","States":{"T":{"Type":"Task",
                 "Resource":"arn:aws:states:::lambda:invoke",
                 "Arguments":{"FunctionName":"total","Payload":{"lines":"{% $states.input.lines %}"}},
                 "Output":{"orderId":"{% $states.input.orderId %}","total":"{% $states.result.Payload.total %}"},
                 "End":true}}}""")
                .function(
                        "total",
                        in -> Json.object().put("total", in.get("lines").size() * 10))
                .start("{\"orderId\":\"o-1\",\"lines\":[1,2,3]}");

        assertThat(run.outputJson()).isEqualTo(Json.parse("{\"orderId\":\"o-1\",\"total\":30}"));
    }

    @Test
    void choiceConditionsAndAssignedVariables() {
        String definition = """
                {"QueryLanguage":"JSONata","StartAt":"Remember","States":{
                 "Remember":{"Type":"Pass","Assign":{"limit":"{% $states.input.limit %}"},"Next":"Check"},
                 "Check":{"Type":"Choice","Choices":[
                   {"Condition":"{% $states.input.value > $limit %}","Next":"Big","Output":{"size":"big"}}],
                   "Default":"Small"},
                 "Big":{"Type":"Succeed"},
                 "Small":{"Type":"Pass","Output":{"size":"small","sum":"{% $sum([$states.input.value, $limit]) %}"},"End":true}}}""";

        assertThat(AslHarness.of(definition)
                        .start("{\"value\":50,\"limit\":10}")
                        .outputJson())
                .isEqualTo(Json.parse("{\"size\":\"big\"}"));
        assertThat(AslHarness.of(definition).start("{\"value\":5,\"limit\":10}").outputJson())
                .isEqualTo(Json.parse("{\"size\":\"small\",\"sum\":15}"));
    }

    @Test
    void aFailingExpressionIsAQueryEvaluationError() {
        AslRun run = AslHarness.of("""
                {"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass",
                 "Output":"{% $undefinedFunction(1) %}","End":true}}}""").start("{}");

        assertThat(run.error()).isEqualTo("States.QueryEvaluationError");
        // Recorded AWS cause: "... The JSONata expression '$randomSeeded(...)' specified for the field
        // 'Output/FunctionResult' threw an error during evaluation. T1006: Attempted to invoke a non-function"
        assertThat(run.cause())
                .startsWith("An error occurred while executing the state 'P' (entered at the event id #2). "
                        + "The JSONata expression '$undefinedFunction(1)' specified for the field 'Output' "
                        + "threw an error during evaluation. T1006: ");
    }

    /**
     * Recorded AWS cause: "An error occurred while executing the state 'State0' (entered at the
     * event id #2). The JSONata expression '$doesNotExist' specified for the field 'Output/result'
     * returned nothing (undefined)."
     */
    @Test
    void anUndefinedResultNamesTheExpressionAndTheFieldPath() {
        AslRun run = AslHarness.of("""
                {"QueryLanguage":"JSONata","StartAt":"State0","States":{"State0":{"Type":"Pass",
                 "Output":{"result":"{% $doesNotExist %}"},"End":true}}}""").start("{}");

        assertThat(run.error()).isEqualTo("States.QueryEvaluationError");
        assertThat(run.cause())
                .isEqualTo("An error occurred while executing the state 'State0' (entered at the event id #2). "
                        + "The JSONata expression '$doesNotExist' specified for the field 'Output/result' "
                        + "returned nothing (undefined).");
    }

    /** Recorded AWS cause for Items that is not an array. */
    @Test
    void itemsThatAreNotAnArrayAreRefusedWithAwsWording() {
        AslRun run = AslHarness.of("""
                {"QueryLanguage":"JSONata","StartAt":"MapIterateState","States":{"MapIterateState":{"Type":"Map",
                 "Items":"{% 1 %}","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
                 "End":true}}}""").start("{}");

        assertThat(run.cause())
                .isEqualTo(
                        "An error occurred while executing the state 'MapIterateState' (entered at the event id #2). "
                                + "The JSONata expression '1' specified for the field 'Items' returned an unexpected result "
                                + "type. Expected 'array', but was 'number' for value: 1");
    }

    @Test
    void jsonPathFieldsAreRefusedInAJsonataState() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DefinitionParser.parse("""
                {"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$.x","End":true}}}"""))
                .hasMessageContaining("'InputPath' is not supported when the QueryLanguage is JSONata");
    }

    /**
     * Step Functions' own JSONata functions (transforming-data.html, JSONata functions provided by
     * Step Functions); $partition and $range outputs as recorded on AWS (localstack/localstack
     * intrinsic_functions/test_array_jsonata.snapshot.json: $range(1, 9, 9) yields 1, not [1]).
     */
    @Test
    void stepFunctionsProvidedFunctions() {
        AslRun run = AslHarness.of("""
                {"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":{
                 "partition":"{% $partition([1,2,3,4], 3) %}",
                 "range":"{% $range(0, 10, 3) %}",
                 "single":"{% $range(1, 9, 9) %}",
                 "down":"{% $range(5, 1, -2) %}",
                 "hash":"{% $hash('input data', 'SHA-1') %}",
                 "seeded":"{% $random(7) = $random(7) %}",
                 "unit":"{% $random() >= 0 and $random() < 1 %}",
                 "uuid":"{% $uuid() %}",
                 "parsed":"{% $parse($states.input.text) %}"},"End":true}}}""").start("{\"text\":\"{\\\"a\\\":[1,\\\"x\\\"]}\"}");

        JsonNode out = run.outputJson();
        assertThat(out.get("partition")).isEqualTo(Json.parse("[[1,2,3],[4]]"));
        assertThat(out.get("range")).isEqualTo(Json.parse("[0,3,6,9]"));
        assertThat(out.get("single")).isEqualTo(Json.parse("1"));
        assertThat(out.get("down")).isEqualTo(Json.parse("[5,3,1]"));
        // The digest the intrinsic States.Hash gives for the guide's example (intrinsic-functions.html).
        assertThat(out.get("hash").asText()).isEqualTo("aaff4a450a104cd177d28d18d74485e8cae074b7");
        assertThat(out.get("seeded").asBoolean()).isTrue();
        assertThat(out.get("unit").asBoolean()).isTrue();
        assertThat(out.get("uuid").asText())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(out.get("parsed")).isEqualTo(Json.parse("{\"a\":[1,\"x\"]}"));
    }

    @Test
    void aStepFunctionsFunctionGivenBadArgumentsIsAQueryEvaluationError() {
        AslRun run = AslHarness.of("""
                {"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass",
                 "Output":"{% $hash('x', 'SHA-999') %}","End":true}}}""").start("{}");

        assertThat(run.error()).isEqualTo("States.QueryEvaluationError");
        assertThat(run.cause())
                .contains("The JSONata expression '$hash('x', 'SHA-999')' specified for the field 'Output'");
    }

    /** Source: transforming-data.html and workflow-variables.html: $states.context is the context object. */
    @Test
    void statesContextIsTheContextObject() {
        AslRun run = AslHarness.of("""
                        {"QueryLanguage":"JSONata","StartAt":"Describe","States":{"Describe":{"Type":"Pass","Output":{
                         "state":"{% $states.context.State.Name %}",
                         "entered":"{% $states.context.State.EnteredTime %}",
                         "execution":"{% $states.context.Execution.Name %}",
                         "machine":"{% $states.context.StateMachine.Name %}",
                         "input":"{% $states.context.Execution.Input %}"},"End":true}}}""")
                .startingAt(Instant.parse("2026-03-01T08:30:00.250Z"))
                .start("{\"order\":\"o-3\"}");

        assertThat(run.outputJson()).isEqualTo(Json.parse("""
                        {"state":"Describe","entered":"2026-03-01T08:30:00.250Z","execution":"run","machine":"harness",
                         "input":{"order":"o-3"}}"""));
    }

    /**
     * Source: workflow-variables.html ($states.errorOutput, "only available in a Catch") and
     * concepts-error-handling.html: a catcher's Output and Assign see the error output and the
     * state's input.
     */
    @Test
    void aCatchersOutputAndAssignSeeStatesErrorOutput() {
        AslRun run = AslHarness.of("""
                        {"QueryLanguage":"JSONata","StartAt":"Charge","States":{
                         "Charge":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                          "Arguments":{"FunctionName":"charge"},
                          "Catch":[{"ErrorEquals":["Payment.Declined"],"Next":"Decline",
                            "Output":{"failed":"{% $states.errorOutput.Error %}","order":"{% $states.input.order %}"},
                            "Assign":{"reason":"{% $states.errorOutput.Cause %}"}}],"End":true},
                         "Decline":{"Type":"Pass","Output":{"failed":"{% $states.input.failed %}",
                          "order":"{% $states.input.order %}","reason":"{% $reason %}"},"End":true}}}""")
                .stubFailure("Charge", "Payment.Declined", "card expired")
                .start("{\"order\":\"o-9\"}");

        assertThat(run.outputJson())
                .isEqualTo(
                        Json.parse("{\"failed\":\"Payment.Declined\",\"order\":\"o-9\",\"reason\":\"card expired\"}"));
    }

    /**
     * Source: state-map-inline.html and transforming-data.html: JSONata Items chooses the array and
     * ItemSelector shapes each item from $states.context.Map.Item and the Map's own input.
     */
    @Test
    void jsonataItemsAndItemSelectorShapeEachIteration() {
        AslRun run =
                AslHarness.of("""
                        {"QueryLanguage":"JSONata","StartAt":"Lines","States":{"Lines":{"Type":"Map",
                         "Items":"{% $states.input.order.lines %}",
                         "ItemSelector":{"sku":"{% $states.context.Map.Item.Value.sku %}",
                           "position":"{% $states.context.Map.Item.Index %}","store":"{% $states.input.store %}"},
                         "ItemProcessor":{"StartAt":"Line","States":{"Line":{"Type":"Pass","End":true}}},"End":true}}}""").start("{\"store\":\"s-1\",\"order\":{\"lines\":[{\"sku\":\"a\"},{\"sku\":\"b\"}]}}");

        assertThat(run.outputJson()).isEqualTo(Json.parse("""
                        [{"sku":"a","position":0,"store":"s-1"},{"sku":"b","position":1,"store":"s-1"}]"""));
    }

    /**
     * Source: state-wait.html and state-task.html (JSONata): Seconds, Timestamp and TimeoutSeconds
     * may be JSONata expressions, evaluated on entering the state, here on the stack clock.
     */
    @Test
    void jsonataWaitSecondsTimestampAndTaskTimeoutSeconds() {
        AslRun run = AslHarness.of("""
                        {"QueryLanguage":"JSONata","StartAt":"Delay","States":{
                         "Delay":{"Type":"Wait","Seconds":"{% $states.input.delay %}","Next":"Until"},
                         "Until":{"Type":"Wait","Timestamp":"{% $states.input.until %}","Next":"Pickup"},
                         "Pickup":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                          "Arguments":{"QueueUrl":"q","MessageBody":{"token":"{% $states.context.Task.Token %}"}},
                          "TimeoutSeconds":"{% $states.input.window %}","End":true}}}""")
                .startingAt(Instant.parse("2026-01-01T00:00:00Z"))
                .start("{\"delay\":30,\"until\":\"2026-01-01T01:00:00Z\",\"window\":600}");

        run.advance(Duration.ofSeconds(29));
        assertThat(run.enteredStates()).containsExactly("Delay");
        run.advance(Duration.ofSeconds(1));
        assertThat(run.enteredStates()).containsExactly("Delay", "Until");
        run.advance(Duration.ofSeconds(3_569));
        assertThat(run.enteredStates()).containsExactly("Delay", "Until");
        run.advance(Duration.ofSeconds(1));
        assertThat(run.enteredStates()).containsExactly("Delay", "Until", "Pickup");
        assertThat(run.recordedCalls()
                        .getFirst()
                        .parameters()
                        .get("MessageBody")
                        .get("token")
                        .asText())
                .isEqualTo(run.taskToken("Pickup"));
        run.advance(Duration.ofSeconds(599));
        assertThat(run.status()).isEqualTo("RUNNING");
        run.advance(Duration.ofSeconds(1));

        assertThat(run.error()).isEqualTo("States.Timeout");
    }
}
